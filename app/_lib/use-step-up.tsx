"use client";
import { useState, type ReactNode } from "react";
import { ConfirmIdentity } from "../_components/ConfirmIdentity";
import { toErrorDetails, type ErrorDetails } from "./error-details";

/**
 * Runs an action that may need this session's fresh second factor. A failure shows as `failure`;
 * MFA_FRESH_FACTOR_REQUIRED instead offers "confirm it's you" (`confirm`, to render where the
 * action is) and, once a code is accepted, runs the same action again.
 */
export function useStepUpAction(): {
  busy: boolean;
  failure: ErrorDetails | null;
  run: (work: () => Promise<void>) => Promise<void>;
  confirm: ReactNode;
} {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const [retry, setRetry] = useState<(() => Promise<void>) | null>(null);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      const details = toErrorDetails(error);
      if (details.code === "MFA_FRESH_FACTOR_REQUIRED") setRetry(() => work);
      else setFailure(details);
    } finally {
      setBusy(false);
    }
  }

  const confirm = retry ? (
    <ConfirmIdentity
      onConfirmed={() => {
        setRetry(null);
        void run(retry);
      }}
    />
  ) : null;
  return { busy, failure, run, confirm };
}
