/**
 * Register at sign-in (forced registration, seed 003): a person who must use two-step verification
 * and has no method yet registers a first one (an app, a mobile phone) before the sign-in ends.
 * Every kind goes through its module's enrol part (registry enrolmentFor), never by name.
 */
import { eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { mfaMethods, people } from "@/db/schema";
import { isStaff } from "../../auth/session-rules";
import { AppError } from "../../core/errors";
import { now } from "../../core/clock";
import type { RequestInfo } from "../../http/request-info";
import { recordSignInEvent } from "../../sign-in-log/record-sign-in-event";
import { type Attempt, attemptForBrowser, completeAttempt } from "../attempts";
import { endOtherRegistrations, endRegistration, mayConfirmRegistrationAtSignIn } from "../enrolment-rules";
import { normalizeCode } from "../factor-params";
import { confirmEnrolment, deliverEnrolmentMessage } from "../methods/enrolment";
import type { EnrolContext, MethodKind } from "../methods/method";
import { type EnrolInput, type EnrolKind, type EnrolShown, enrolmentFor, methodFor } from "../methods/registry";
import { runFactorStep } from "../run-factor-step";
import type { RegistrationConfirmInput } from "../sign-in.schemas";
import type { CompletedStep } from "../submit-password";
import { attemptEvent, completed } from "./attempt-event";

type RegistrationAttempt = Attempt & { personId: string };

/**
 * This browser's attempt at the registration step. An attempt that was ended because the person
 * enrolled a first method elsewhere (`blocked`) answers MFA_REGISTRATION_NOT_ALLOWED.
 */
async function registrationAttempt(db: Executor, request: RequestInfo, at: Date): Promise<RegistrationAttempt> {
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["registration_required", "blocked"]);
  if (attempt.state === "blocked") throw new AppError("MFA_REGISTRATION_NOT_ALLOWED", { correlationId: attempt.correlationId });
  return attempt;
}

/** Whether this attempt's person may register a method of this kind at sign-in (staff only what staff may use). */
async function mayRegisterKind(db: Executor, attempt: RegistrationAttempt, kind: MethodKind): Promise<boolean> {
  if (methodFor(kind).capabilities.staff) return true;
  const [person] = await db.select({ role: people.role }).from(people).where(eq(people.id, attempt.personId));
  return !(person && isStaff(person.role));
}

/** The attempt as the owner of the registration: what it begins is bound to it. */
function enrolContext(attempt: RegistrationAttempt, request: RequestInfo, at: Date): EnrolContext {
  return { personId: attempt.personId, owner: { attemptId: attempt.id }, at, correlationId: attempt.correlationId, clientIp: request.ip };
}

/**
 * Begins registering a first method of this kind (STAFF_AUTHENTICATOR_REQUIRED for a kind staff may
 * not use): what the page shows (the app's QR code and key; the masked number a code was sent to).
 */
export async function beginSignInRegistration<K extends EnrolKind>(kind: K, input: EnrolInput<K>, request: RequestInfo): Promise<{ methodId: string } & EnrolShown<K>> {
  const db = await getDb();
  const at = now();
  const attempt = await registrationAttempt(db, request, at);
  if (!(await mayRegisterKind(db, attempt, kind))) throw new AppError("STAFF_AUTHENTICATOR_REQUIRED", { correlationId: attempt.correlationId });
  const enrol = enrolmentFor(kind);
  const begun = await db.transaction((tx) => enrol.begin(tx, enrolContext(attempt, request, at), input));
  await recordSignInEvent(db, { ...attemptEvent(attempt, request), step: "registration", method: enrol.channel, result: "info", detail: { started: true, ...begun.facts } });
  await deliverEnrolmentMessage(begun);
  return { methodId: begun.methodId, ...begun.shown };
}

/**
 * The last step of registering at sign-in, for any kind: under the lockout (runFactorStep), the
 * first code confirms the method and completes the attempt in one transaction, so the sign-in
 * ends signed in; a wrong code counts as a second-factor failure. The enrolment rule is checked
 * again in that transaction with the person's row locked (another browser may have enrolled a
 * first method since the password step: this attempt is then ended and refused), and confirming
 * ends the person's other registration attempts.
 */
export async function confirmSignInRegistration(kind: EnrolKind, input: RegistrationConfirmInput, request: RequestInfo): Promise<CompletedStep> {
  const db = await getDb();
  const at = now();
  const attempt = await registrationAttempt(db, request, at);
  const method = enrolmentFor(kind).channel;
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
      return confirmEnrolment(tx, kind, enrolContext(attempt, request, at), { methodId: input.methodId, response: normalizeCode(input.code) });
    },
    onSuccess: async (tx) => {
      await endOtherRegistrations(tx, { personId: attempt.personId, keepAttemptId: attempt.id, at });
      // Enrolled with a temporary access pass: for 24 h this method cannot remove older ones.
      if (attempt.accessPassId) await tx.update(mfaMethods).set({ enrolledWithPassAt: at }).where(eq(mfaMethods.id, input.methodId));
      return completeAttempt(tx, attempt, at, { method, factorVerified: true });
    },
    event: { attempt, client: request, step: "registration" },
  });
  if (result.ok) return completed(attempt, result.value);
  if (result.code === "MFA_REGISTRATION_NOT_ALLOWED") await db.transaction((tx) => endRegistration(tx, { attemptId: attempt.id, at }));
  throw new AppError(result.code, { params: result.params, correlationId: attempt.correlationId });
}

/**
 * The registration page checks that this browser's attempt is waiting for registration, and
 * whether a phone may be the first method (never for staff: a phone lacks the staff capability).
 */
export async function registrationStepState(request: RequestInfo): Promise<{ correlationId: string; phoneAllowed: boolean }> {
  const db = await getDb();
  const attempt = await attemptForBrowser(db, request.cookieHeader, now(), ["registration_required"]);
  return { correlationId: attempt.correlationId, phoneAllowed: await mayRegisterKind(db, attempt, "phone") };
}
