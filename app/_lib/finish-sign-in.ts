"use client";
import { signIn } from "next-auth/react";
import type { ErrorDetails } from "./error-details";

export interface CompletedStep {
  attemptId: string;
  completionToken: string;
  correlationId: string;
  displaySessionId: string;
}

/** Exchanges a completed attempt's one-time token for a session; null when that worked. */
export async function finishSignIn(step: CompletedStep): Promise<ErrorDetails | null> {
  const result = await signIn("attempt", { attemptId: step.attemptId, completionToken: step.completionToken, redirect: false });
  if (result && !result.error) return null;
  return {
    code: "SIGN_IN_COMPLETION_FAILED",
    params: {},
    correlationId: step.correlationId,
    displaySessionId: step.displaySessionId,
    at: new Date().toISOString(),
  };
}
