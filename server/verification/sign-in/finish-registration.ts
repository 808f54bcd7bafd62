import { eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { mfaMethods, people } from "@/db/schema";
import { isStaff } from "../../auth/session-rules";
import { AppError, type ErrorCode } from "../../core/errors";
import { now } from "../../core/clock";
import type { RequestInfo } from "../../http/request-info";
import { type Attempt, attemptForBrowser, completeAttempt } from "../attempts";
import { endOtherRegistrations, endRegistration, mayConfirmRegistrationAtSignIn } from "../enrolment-rules";
import { driftParams } from "../factor-params";
import type { FactorFailure, MethodKind } from "../methods/method";
import { methodFor } from "../methods/registry";
import { runFactorStep } from "../run-factor-step";
import type { CompletedStep } from "../submit-password";
import { completed } from "./attempt-event";

export type RegistrationAttempt = Attempt & { personId: string };

/**
 * This browser's attempt at the registration step. An attempt that was ended because the person
 * enrolled a first method elsewhere (`blocked`) answers MFA_REGISTRATION_NOT_ALLOWED.
 */
export async function registrationAttempt(db: Executor, request: RequestInfo, at: Date): Promise<RegistrationAttempt> {
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["registration_required", "blocked"]);
  if (attempt.state === "blocked") throw new AppError("MFA_REGISTRATION_NOT_ALLOWED", { correlationId: attempt.correlationId });
  return attempt;
}

/** Whether this attempt's person may register a method of this kind at sign-in (staff only what staff may use). */
export async function mayRegisterKind(db: Executor, attempt: RegistrationAttempt, kind: MethodKind): Promise<boolean> {
  if (methodFor(kind).capabilities.staff) return true;
  const [person] = await db.select({ role: people.role }).from(people).where(eq(people.id, attempt.personId));
  return !(person && isStaff(person.role));
}

/** How an enrolment's first code was refused, as a factor failure (a code of the wrong form is a typing slip). */
export function confirmationFailure(refused: { code: ErrorCode; offsetSeconds?: number }): FactorFailure {
  const drift = refused.offsetSeconds !== undefined;
  return {
    ok: false,
    code: refused.code,
    params: drift ? driftParams(refused.offsetSeconds!) : {},
    detail: drift ? { clockOffsetSeconds: refused.offsetSeconds! } : {},
    ...(refused.code === "MFA_CODE_MALFORMED" ? { tally: "given_back" as const } : {}),
  };
}

/**
 * The last step of forced registration, for any method: under the lockout (runFactorStep), the
 * first code confirms the method and completes the attempt in one transaction; a wrong code
 * counts as a second-factor failure. The enrolment rule is checked again in that transaction with
 * the person's row locked (another browser may have enrolled a first method since the password
 * step: this attempt is then ended and refused), and confirming ends the person's other
 * registration attempts.
 */
export async function finishSignInRegistration(
  request: RequestInfo,
  method: string,
  methodId: string,
  confirm: (tx: Executor, attempt: RegistrationAttempt, at: Date) => Promise<{ ok: true } | FactorFailure>,
): Promise<CompletedStep> {
  const db = await getDb();
  const at = now();
  const attempt = await registrationAttempt(db, request, at);
  const result = await runFactorStep(db, {
    personId: attempt.personId,
    at,
    correlationId: attempt.correlationId,
    clientIp: request.ip,
    method,
    counting: "before",
    // Registering is not proving a second factor: the try is given back, the run stays.
    success: "moves_on",
    verify: async (tx) => {
      if (!(await mayConfirmRegistrationAtSignIn(tx, attempt, at))) {
        return { ok: false, code: "MFA_REGISTRATION_NOT_ALLOWED", params: {}, detail: {}, tally: "given_back" };
      }
      return confirm(tx, attempt, at);
    },
    onSuccess: async (tx) => {
      await endOtherRegistrations(tx, { personId: attempt.personId, keepAttemptId: attempt.id, at });
      // Enrolled with a temporary access pass: for 24 h this method cannot remove older ones.
      if (attempt.accessPassId) await tx.update(mfaMethods).set({ enrolledWithPassAt: at }).where(eq(mfaMethods.id, methodId));
      return completeAttempt(tx, attempt, at, { method, factorVerified: true });
    },
    event: { attempt, client: request, step: "registration" },
  });
  if (result.ok) return completed(attempt, result.value);
  if (result.code === "MFA_REGISTRATION_NOT_ALLOWED") await db.transaction((tx) => endRegistration(tx, { attemptId: attempt.id, at }));
  throw new AppError(result.code, { params: result.params, correlationId: attempt.correlationId });
}
