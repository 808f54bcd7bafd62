"use client";
import { useEffect, useState } from "react";

export type OfflineState = "installing" | "ready" | "unsupported" | "failed";

export const SERVICE_WORKER_URL = "/authenticator/sw.js";
export const SERVICE_WORKER_SCOPE = "/authenticator";

/**
 * Registers the service worker (scope /authenticator only) and says when the app is kept on this
 * device: "ready" once a worker is active, which is after it has precached the shell.
 */
export function useOfflineReady(): OfflineState {
  const [state, setState] = useState<OfflineState>("installing");
  useEffect(() => {
    if (!("serviceWorker" in navigator)) {
      setState("unsupported");
      return;
    }
    let current = true;
    navigator.serviceWorker
      .register(SERVICE_WORKER_URL, { scope: SERVICE_WORKER_SCOPE })
      .then(() => navigator.serviceWorker.ready)
      .then(
        () => current && setState("ready"),
        () => current && setState("failed"),
      );
    return () => {
      current = false;
    };
  }, []);
  return state;
}
