import { getDb } from "@/db/client";
import { now } from "../../core/clock";
import { AppError } from "../../core/errors";
import type { RequestInfo } from "../../http/request-info";
import { moveAttempt } from "../attempt-states";
import { attemptForBrowser } from "../attempts";
import { credentialFor } from "../methods/registry";
import { runFactorStep } from "../run-factor-step";
import type { AccessPassInput } from "../sign-in.schemas";
import { attemptContext } from "./attempt-event";

/** "I have a temporary access pass": the code step gives way to the pass step (same attempt). */
export async function switchToAccessPass(request: RequestInfo): Promise<{ status: "pass" }> {
  const db = await getDb();
  const attempt = await attemptForBrowser(db, request.cookieHeader, now(), ["factor_pending"]);
  await moveAttempt(db, attempt, "pass_required");
  return { status: "pass" };
}

/** The pass page checks that this browser's attempt is waiting for a pass. */
export async function passStepState(request: RequestInfo): Promise<{ correlationId: string }> {
  const attempt = await attemptForBrowser(await getDb(), request.cookieHeader, now(), ["pass_required"]);
  return { correlationId: attempt.correlationId };
}

/**
 * A temporary access pass from the helpdesk, under the shared lockout (runFactorStep): right, it
 * is used up and the attempt moves on to registering a new method (never straight to a session);
 * wrong, it counts as a second-factor failure.
 */
export async function submitAccessPass(input: AccessPassInput, request: RequestInfo): Promise<{ status: "register" }> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["pass_required"]);
  const pass = credentialFor("access_pass");
  const context = attemptContext(attempt, request, at);
  const result = await runFactorStep(db, {
    personId: attempt.personId,
    at,
    correlationId: attempt.correlationId,
    clientIp: request.ip,
    method: pass.name,
    counting: "before",
    // A pass proves no second factor: it only lets the person register one (the run stays).
    success: "moves_on",
    verify: (tx) => pass.verify(tx, context, input.pass),
    onSuccess: (tx, ok) => moveAttempt(tx, attempt, "registration_required", { set: { accessPassId: ok.credentialId, method: pass.name } }),
    event: { attempt, client: request, step: "second_factor", successDetail: { next: "register" } },
  });
  if (!result.ok) throw new AppError(result.code, { params: result.params, correlationId: attempt.correlationId });
  return { status: "register" };
}
