import { getDb } from "@/db/client";
import { now } from "../../core/clock";
import { AppError } from "../../core/errors";
import type { RequestInfo } from "../../http/request-info";
import { attemptForBrowser, completeAttempt } from "../attempts";
import { normalizeCode } from "../factor-params";
import { methodForChannel, typedCodeChannel } from "../methods/registry";
import { runFactorStep } from "../run-factor-step";
import type { CodeInput } from "../sign-in.schemas";
import type { CompletedStep } from "../submit-password";
import { attemptContext, completed } from "./attempt-event";

/**
 * The sign-in's second factor by a typed code: for the way the person chose if it takes a typed
 * code (a text), otherwise the way that needs nothing sent (the authenticator app). Right, the
 * attempt completes; wrong, it counts toward the lockout (runFactorStep).
 */
export async function submitSignInCode(input: CodeInput, request: RequestInfo): Promise<CompletedStep> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending"]);
  const channel = typedCodeChannel(attempt.selectedChannel);
  const context = attemptContext(attempt, request, at);
  const result = await runFactorStep(db, {
    personId: attempt.personId,
    at,
    correlationId: attempt.correlationId,
    clientIp: request.ip,
    method: channel,
    counting: "before",
    success: "ends_run",
    verify: (tx) => methodForChannel(channel).verify(tx, context, channel, normalizeCode(input.code)),
    onSuccess: (tx) => completeAttempt(tx, attempt, at, { method: channel, factorVerified: true }),
    event: { attempt, client: request, step: "second_factor" },
  });
  if (!result.ok) throw new AppError(result.code, { params: result.params, correlationId: attempt.correlationId });
  return completed(attempt, result.value);
}
