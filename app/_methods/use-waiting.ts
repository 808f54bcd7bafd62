"use client";
import { useEffect, useRef } from "react";

/** What a wait ends with: the server's last word while it waits, or anything else it answers. */
export interface WaitHandlers<T extends { status: string }> {
  /** Still waiting ("ringing", "answered"). */
  waiting(state: string): void;
  /** The first answer that is not "waiting" (approved): asking stops. */
  done(answer: Exclude<T, { status: "waiting" }>): void | Promise<void>;
  /** The server refused (the call failed, a lock): asking stops. */
  failed(error: unknown): void;
}

/**
 * Waits for an answer given elsewhere (a call now, later a push) by asking the server every 2 s
 * while `active`: it may be answered on any instance. Used by the code page and "confirm it's you".
 */
export function useWaiting<T extends { status: string }>(active: boolean, ask: () => Promise<T>, handlers: WaitHandlers<T>): void {
  // The latest ask and handlers, so a new render does not restart the timer.
  const latest = useRef({ ask, handlers });
  latest.current = { ask, handlers };
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const timer = setInterval(async () => {
      if (stopped) return;
      let answer: T;
      try {
        answer = await latest.current.ask();
      } catch (error) {
        if (!stopped) {
          stopped = true;
          latest.current.handlers.failed(error);
        }
        return;
      }
      if (stopped) return;
      if (answer.status === "waiting") {
        latest.current.handlers.waiting((answer as { state?: string }).state ?? "");
        return;
      }
      stopped = true;
      await latest.current.handlers.done(answer as Exclude<T, { status: "waiting" }>);
    }, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active]);
}
