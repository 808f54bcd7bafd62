"use client";
import { useCallback } from "react";
import { useRouter } from "@/i18n/navigation";
import { toErrorDetails, type ErrorDetails } from "./error-details";
import { finishSignIn, type CompletedStep } from "./finish-sign-in";
import { takeReturnTo } from "./return-to";

/**
 * Runs the last step of a sign-in (a procedure that completes the attempt), exchanges the token for
 * a session and goes back to where help sent the person from, or else to `destination`. Returns the failure to show, or null.
 */
export function useFinishSignIn(destination: string) {
  const router = useRouter();
  return useCallback(
    async (completeStep: () => Promise<CompletedStep>): Promise<ErrorDetails | null> => {
      try {
        const problem = await finishSignIn(await completeStep());
        if (problem) return problem;
        router.replace(takeReturnTo() ?? destination);
        router.refresh();
        return null;
      } catch (error) {
        return toErrorDetails(error);
      }
    },
    [router, destination],
  );
}
