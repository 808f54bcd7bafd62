import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { isStaff } from "../auth/session-rules";
import { now } from "../core/clock";
import { AppError, type ErrorCode } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { attemptForBrowser, completeAttempt, type Attempt } from "./attempts";
import { endOtherRegistrations, endRegistration, mayConfirmRegistrationAtSignIn } from "./enrolment-rules";
import { beginFactorTry, lockState, recordFactorFailure, releaseFactorTry } from "./lockout";
import { enqueueMessage } from "../delivery/enqueue";
import { deliverNow } from "../delivery/worker";
import { mfaMethods, phoneNumbers, people } from "@/db/schema";
import { issueOneTimeCode, attachMessage, ttlMinutes } from "./methods/phone/one-time-codes";
import { getPolicy } from "../policy/policy";
import { maskPhone } from "./methods/phone/phone-number";
import { reserveSend } from "./methods/phone/send-limits";
import { CALL_RING_SECONDS, callFailure, callStateAt, countFailedCall, latestCall, placeVerificationCall } from "./methods/phone/voice-calls";
import { signInOptions, type SignInOption } from "./methods/sign-in-options";
import { beginTotpRegistration, confirmTotpRegistration, type TotpSetup } from "./methods/totp/register-totp";
import { beginPhoneRegistration, confirmPhoneRegistration, sendRegistrationCodeNow } from "../methods/register-phone";
import type { AccessPassInput, CodeInput, MethodChoiceInput, PhoneNumberInput, RegistrationConfirmInput } from "./sign-in.schemas";
import { redeemAccessPass } from "./methods/access-pass/access-passes";
import type { CompletedStep } from "./submit-password";
import { driftParams, lockParams, normalizeCode, verifySecondFactorCode } from "./verify-second-factor";

function eventBase(attempt: Attempt, request: RequestInfo) {
  return {
    correlationId: attempt.correlationId,
    displaySessionId: attempt.displaySessionId,
    attemptId: attempt.id,
    personId: attempt.personId,
    loginName: attempt.loginName,
    clientIp: request.ip,
    userAgent: request.userAgent,
  };
}

function completed(attempt: Attempt, completionToken: string): CompletedStep {
  return { status: "completed", attemptId: attempt.id, correlationId: attempt.correlationId, displaySessionId: attempt.displaySessionId, completionToken };
}

export interface FactorStepState {
  correlationId: string;
  locked: null | { minutes: number; time: string };
  /** Every way this person can give the second factor, strongest first. */
  options: SignInOption[];
  /** The way in use now (the first option until the person chooses another). */
  selected: SignInOption | null;
}

/** What the second-factor page shows: the ways to sign in, the chosen one, and any lock. */
export async function factorStepState(request: RequestInfo): Promise<FactorStepState> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending"]);
  const lock = await lockState(db, attempt.personId, at);
  const options = await signInOptions(db, attempt.personId);
  const selected = options.find((o) => o.methodId === attempt.selectedMethodId && o.channel === attempt.selectedChannel) ?? options[0] ?? null;
  return { correlationId: attempt.correlationId, locked: lock.locked ? (lockParams(lock, at) as { minutes: number; time: string }) : null, options, selected };
}

/**
 * "Sign in another way": choose one of the person's methods. For a text message a new code is sent
 * (within the sending caps; a send never resets the failure count) and only that newest code works.
 */
export async function chooseSignInMethod(
  input: MethodChoiceInput,
  request: RequestInfo,
): Promise<{ channel: SignInOption["channel"]; display: string | null; expiresInSeconds: number | null; matchNumber: string | null }> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending"]);
  const option = (await signInOptions(db, attempt.personId)).find((o) => o.methodId === input.methodId && o.channel === input.channel);
  if (!option) throw new AppError("NOT_FOUND", { correlationId: attempt.correlationId });
  await db.update(signInAttempts).set({ selectedMethodId: option.methodId, selectedChannel: option.channel }).where(eq(signInAttempts.id, attempt.id));
  if (option.channel === "totp") return { channel: "totp", display: null, expiresInSeconds: null, matchNumber: null };

  const lock = await lockState(db, attempt.personId, at);
  if (lock.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(lock, at), correlationId: attempt.correlationId });
  const [phone] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.methodId, option.methodId));
  const use = option.channel === "voice" ? "call" : "text";
  const limited = await reserveSend(db, { purpose: "sign_in", use, personId: attempt.personId, e164: phone!.e164, country: phone!.country, at });
  if (limited) {
    await recordSignInEvent(db, {
      ...eventBase(attempt, request),
      step: "second_factor",
      method: option.channel,
      result: "throttled",
      code: "MFA_THROTTLED",
      detail: { retryAfterSeconds: limited.retryAfterSeconds },
    });
    throw new AppError("MFA_THROTTLED", { params: { seconds: limited.retryAfterSeconds }, retryAfterSeconds: limited.retryAfterSeconds, correlationId: attempt.correlationId });
  }
  if (option.channel === "voice") {
    const placed = await db.transaction(async (tx) => {
      const [person] = await tx.select({ locale: people.locale }).from(people).where(eq(people.id, attempt.personId));
      const { call, matchNumber } = await placeVerificationCall(tx, {
        personId: attempt.personId,
        methodId: option.methodId,
        ownerId: attempt.id,
        e164: phone!.e164,
        locale: person!.locale,
        correlationId: attempt.correlationId,
        at,
      });
      await recordSignInEvent(tx, {
        ...eventBase(attempt, request),
        step: "second_factor",
        method: "voice",
        result: "info",
        detail: { calling: maskPhone(phone!.e164), messageId: call.messageId },
      });
      return { messageId: call.messageId, matchNumber };
    });
    await sendNowOrFail(attempt, request, placed.messageId, "voice");
    // Number matching: only this page knows the number the call asks for.
    return { channel: "voice", display: option.display, expiresInSeconds: CALL_RING_SECONDS, matchNumber: placed.matchNumber };
  }
  const [person] = await db.select({ locale: people.locale, organisationId: people.organisationId }).from(people).where(eq(people.id, attempt.personId));
  const ttlSeconds = (await getPolicy(db, person!.organisationId)).textCodeTtlSeconds;
  const messageId = await db.transaction(async (tx) => {
    const issued = await issueOneTimeCode(tx, { personId: attempt.personId, methodId: option.methodId, purpose: "sign_in", channel: "sms", ownerId: attempt.id, at, ttlSeconds });
    const messageId = await enqueueMessage(tx, {
      channel: "sms",
      recipient: phone!.e164,
      personId: attempt.personId,
      locale: person!.locale,
      template: "sign_in_code",
      params: { code: issued.code, minutes: ttlMinutes(ttlSeconds) },
      correlationId: attempt.correlationId,
      maxAttempts: 1,
    });
    await attachMessage(tx, issued.id, messageId);
    await recordSignInEvent(tx, {
      ...eventBase(attempt, request),
      step: "second_factor",
      method: "sms",
      result: "info",
      detail: { sent: true, to: maskPhone(phone!.e164), messageId },
    });
    return messageId;
  });
  await sendNowOrFail(attempt, request, messageId, "sms");
  return { channel: "sms", display: option.display, expiresInSeconds: ttlSeconds, matchNumber: null };
}

/**
 * The person is waiting: hand the code or call to the providers now (in order, failing over). When
 * every provider failed, say so with DELIVERY_FAILED, so they can choose another way at once.
 */
async function sendNowOrFail(attempt: Attempt, request: RequestInfo, messageId: string, method: "sms" | "voice"): Promise<void> {
  if ((await deliverNow(messageId)) !== "dead") return;
  await recordSignInEvent(await getDb(), { ...eventBase(attempt, request), step: "second_factor", method, result: "failure", code: "DELIVERY_FAILED", detail: { messageId } });
  throw new AppError("DELIVERY_FAILED", { correlationId: attempt.correlationId });
}

/**
 * The sign-in page waits for the call by asking here: still ringing or answered ("waiting"), the
 * shown number and "#" typed (the attempt completes), or how it failed (counted toward the lockout
 * once; a wrong number, or "#" alone, too).
 */
export async function pollSignInCall(request: RequestInfo): Promise<CompletedStep | { status: "waiting"; state: "ringing" | "answered" }> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending", "expired"]);
  if (attempt.state === "expired") {
    // Ended while the page waited: by a lock (a failed call counted as it happened), or otherwise.
    const lock = await lockState(db, attempt.personId, at);
    if (lock.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(lock, at), correlationId: attempt.correlationId });
    throw new AppError("SIGN_IN_ATTEMPT_EXPIRED", { correlationId: attempt.correlationId });
  }
  const call = attempt.selectedChannel === "voice" ? await latestCall(db, attempt.id) : null;
  if (!call) throw new AppError("SIGN_IN_ATTEMPT_EXPIRED", { correlationId: attempt.correlationId });
  const state = callStateAt(call, at);
  if (state === "ringing" || state === "answered") return { status: "waiting", state };
  if (state === "confirmed") {
    const token = await db.transaction(async (tx) => {
      const completionToken = await completeAttempt(tx, attempt, at, { method: "voice", factorVerified: true });
      await recordSignInEvent(tx, { ...eventBase(attempt, request), step: "second_factor", method: "voice", result: "success" });
      return completionToken;
    });
    return completed(attempt, token);
  }
  const code = callFailure(state)!;
  const after = (await countFailedCall(db, call, at, { ip: request.ip, userAgent: request.userAgent })) ?? (await lockState(db, attempt.personId, at));
  if (after.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(after, at), correlationId: attempt.correlationId });
  throw new AppError(code, { correlationId: attempt.correlationId });
}

/** The sign-in's second factor: a code from the authenticator app. */
export async function submitSignInCode(input: CodeInput, request: RequestInfo): Promise<CompletedStep> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending"]);
  const method = attempt.selectedChannel === "sms" ? "sms" : "totp";
  const outcome = await verifySecondFactorCode(db, {
    personId: attempt.personId,
    code: input.code,
    at,
    correlationId: attempt.correlationId,
    clientIp: request.ip,
    via: method === "sms" ? { channel: "sms", ownerId: attempt.id } : undefined,
  });
  if (!outcome.ok) {
    await db
      .update(signInAttempts)
      .set({ failures: sql`${signInAttempts.failures} + 1` })
      .where(eq(signInAttempts.id, attempt.id));
    await recordSignInEvent(db, { ...eventBase(attempt, request), step: "second_factor", method, result: "failure", code: outcome.code, detail: outcome.detail });
    throw new AppError(outcome.code, { params: outcome.params, correlationId: attempt.correlationId });
  }
  const token = await db.transaction(async (tx) => {
    const completionToken = await completeAttempt(tx, attempt, at, { method, factorVerified: true });
    await recordSignInEvent(tx, { ...eventBase(attempt, request), step: "second_factor", method, result: "success" });
    return completionToken;
  });
  return completed(attempt, token);
}

/**
 * This browser's attempt at the registration step. An attempt that was ended because the person
 * enrolled a first method elsewhere (`blocked`) answers MFA_REGISTRATION_NOT_ALLOWED.
 */
async function registrationAttempt(db: Executor, request: RequestInfo, at: Date): Promise<Attempt & { personId: string }> {
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["registration_required", "blocked"]);
  if (attempt.state === "blocked") throw new AppError("MFA_REGISTRATION_NOT_ALLOWED", { correlationId: attempt.correlationId });
  return attempt;
}

/** Forced registration: the QR code and key for a first authenticator app. */
export async function beginSignInRegistration(request: RequestInfo): Promise<TotpSetup> {
  const db = await getDb();
  const at = now();
  const attempt = await registrationAttempt(db, request, at);
  const setup = await db.transaction((tx) => beginTotpRegistration(tx, { personId: attempt.personId, owner: { attemptId: attempt.id }, at }));
  await recordSignInEvent(db, { ...eventBase(attempt, request), step: "registration", method: "totp", result: "info", detail: { started: true } });
  return setup;
}

type RegistrationOutcome = { ok: true } | { ok: false; code: ErrorCode; offsetSeconds?: number };

/**
 * The last step of forced registration, for any method: under the lockout, the first code
 * confirms the method and completes the attempt in one transaction; a wrong code counts as a
 * second-factor failure. The enrolment rule is checked again in that transaction with the
 * person's row locked (another browser may have enrolled a first method since the password
 * step: this attempt is then ended and refused), and confirming ends the person's other
 * registration attempts.
 */
async function finishSignInRegistration(
  request: RequestInfo,
  method: "totp" | "sms",
  methodId: string,
  confirm: (tx: Executor, attempt: Attempt & { personId: string }, at: Date) => Promise<RegistrationOutcome>,
): Promise<CompletedStep> {
  const db = await getDb();
  const at = now();
  const attempt = await registrationAttempt(db, request, at);
  const place = await beginFactorTry(db, attempt.personId, at);
  if (!place.ok) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(place.lock, at), correlationId: attempt.correlationId });

  const result = await db
    .transaction(async (tx) => {
      if (!(await mayConfirmRegistrationAtSignIn(tx, attempt, at))) return { ok: false as const, refused: true as const };
      const outcome = await confirm(tx, attempt, at);
      if (!outcome.ok) return outcome;
      await endOtherRegistrations(tx, { personId: attempt.personId, keepAttemptId: attempt.id, at });
      // Enrolled with a temporary access pass: for 24 h this method cannot remove older ones.
      if (attempt.accessPassId) await tx.update(mfaMethods).set({ enrolledWithPassAt: at }).where(eq(mfaMethods.id, methodId));
      const completionToken = await completeAttempt(tx, attempt, at, { method, factorVerified: true });
      await recordSignInEvent(tx, { ...eventBase(attempt, request), step: "registration", method, result: "success" });
      return { ok: true as const, completionToken };
    })
    .catch(async (error: unknown) => {
      await releaseFactorTry(db, attempt.personId, at);
      throw error;
    });
  if (result.ok) {
    await releaseFactorTry(db, attempt.personId, at);
    return completed(attempt, result.completionToken);
  }
  if ("refused" in result) {
    await releaseFactorTry(db, attempt.personId, at);
    await db.transaction(async (tx) => {
      await endRegistration(tx, { attemptId: attempt.id, at });
      await recordSignInEvent(tx, { ...eventBase(attempt, request), step: "registration", method, result: "failure", code: "MFA_REGISTRATION_NOT_ALLOWED" });
    });
    throw new AppError("MFA_REGISTRATION_NOT_ALLOWED", { correlationId: attempt.correlationId });
  }

  const drift = result.offsetSeconds !== undefined;
  const after = await recordFactorFailure(db, {
    personId: attempt.personId,
    method,
    code: result.code,
    correlationId: attempt.correlationId,
    clientIp: request.ip,
    at,
    run: place.run,
  });
  await recordSignInEvent(db, {
    ...eventBase(attempt, request),
    step: "registration",
    method,
    result: "failure",
    code: result.code,
    detail: drift ? { clockOffsetSeconds: result.offsetSeconds! } : undefined,
  });
  if (after.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(after, at), correlationId: attempt.correlationId });
  throw new AppError(result.code, { params: drift ? driftParams(result.offsetSeconds!) : {}, correlationId: attempt.correlationId });
}

/** Forced registration: the first code confirms the app, and the sign-in ends signed in. */
export function confirmSignInRegistration(input: RegistrationConfirmInput, request: RequestInfo): Promise<CompletedStep> {
  return finishSignInRegistration(request, "totp", input.methodId, (tx, attempt, at) =>
    confirmTotpRegistration(tx, {
      personId: attempt.personId,
      owner: { attemptId: attempt.id },
      methodId: input.methodId,
      code: normalizeCode(input.code),
      at,
      actor: "person",
      correlationId: attempt.correlationId,
      clientIp: request.ip,
    }),
  );
}

/**
 * The forced-registration page checks that this browser's attempt is waiting for registration, and
 * whether a phone may be the first method (never for staff: they use an authenticator).
 */
export async function registrationStepState(request: RequestInfo): Promise<{ correlationId: string; phoneAllowed: boolean }> {
  const db = await getDb();
  const attempt = await attemptForBrowser(db, request.cookieHeader, now(), ["registration_required"]);
  return { correlationId: attempt.correlationId, phoneAllowed: !(await isStaffAttempt(db, attempt)) };
}

async function isStaffAttempt(db: Executor, attempt: Attempt & { personId: string }): Promise<boolean> {
  const [person] = await db.select({ role: people.role }).from(people).where(eq(people.id, attempt.personId));
  return person ? isStaff(person.role) : false;
}

/** Forced registration with a mobile phone (seed 003): the number, then the code sent to it. */
export async function beginSignInPhoneRegistration(input: PhoneNumberInput, request: RequestInfo) {
  const db = await getDb();
  const at = now();
  const attempt = await registrationAttempt(db, request, at);
  if (await isStaffAttempt(db, attempt)) throw new AppError("STAFF_AUTHENTICATOR_REQUIRED", { correlationId: attempt.correlationId });
  const started = await db.transaction((tx) =>
    beginPhoneRegistration(tx, { personId: attempt.personId, owner: { attemptId: attempt.id }, number: input.number, role: "mobile", at, correlationId: attempt.correlationId }),
  );
  await recordSignInEvent(db, { ...eventBase(attempt, request), step: "registration", method: "sms", result: "info", detail: { started: true, to: started.display } });
  await sendRegistrationCodeNow(started.messageId);
  return { methodId: started.methodId, display: started.display, expiresInSeconds: started.expiresInSeconds };
}

export function confirmSignInPhoneRegistration(input: RegistrationConfirmInput, request: RequestInfo): Promise<CompletedStep> {
  return finishSignInRegistration(request, "sms", input.methodId, (tx, attempt, at) =>
    confirmPhoneRegistration(tx, {
      personId: attempt.personId,
      owner: { attemptId: attempt.id },
      methodId: input.methodId,
      code: normalizeCode(input.code),
      at,
      correlationId: attempt.correlationId,
      clientIp: request.ip,
    }),
  );
}

/** "I have a temporary access pass": the code step gives way to the pass step (same attempt). */
export async function switchToAccessPass(request: RequestInfo): Promise<{ status: "pass" }> {
  const db = await getDb();
  const attempt = await attemptForBrowser(db, request.cookieHeader, now(), ["factor_pending"]);
  await db
    .update(signInAttempts)
    .set({ state: "pass_required" })
    .where(and(eq(signInAttempts.id, attempt.id), eq(signInAttempts.state, "factor_pending")));
  return { status: "pass" };
}

/** The pass page checks that this browser's attempt is waiting for a pass. */
export async function passStepState(request: RequestInfo): Promise<{ correlationId: string }> {
  const attempt = await attemptForBrowser(await getDb(), request.cookieHeader, now(), ["pass_required"]);
  return { correlationId: attempt.correlationId };
}

/**
 * A temporary access pass from the helpdesk, under the shared lockout: right, it is used up and
 * the attempt moves on to registering a new method (never straight to a session); wrong, it counts
 * as a second-factor failure.
 */
export async function submitAccessPass(input: AccessPassInput, request: RequestInfo): Promise<{ status: "register" }> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["pass_required"]);
  const place = await beginFactorTry(db, attempt.personId, at);
  if (!place.ok) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(place.lock, at), correlationId: attempt.correlationId });
  const moved = await db
    .transaction(async (tx) => {
      const passId = await redeemAccessPass(tx, { personId: attempt.personId, typed: input.pass, at });
      if (!passId) return false;
      await tx
        .update(signInAttempts)
        .set({ state: "registration_required", accessPassId: passId, method: "access_pass" })
        .where(and(eq(signInAttempts.id, attempt.id), eq(signInAttempts.state, "pass_required")));
      await recordSignInEvent(tx, { ...eventBase(attempt, request), step: "second_factor", method: "access_pass", result: "success", detail: { next: "register" } });
      return true;
    })
    .catch(async (error: unknown) => {
      await releaseFactorTry(db, attempt.personId, at);
      throw error;
    });
  if (moved) {
    await releaseFactorTry(db, attempt.personId, at);
    return { status: "register" };
  }
  const after = await recordFactorFailure(db, {
    personId: attempt.personId,
    method: "access_pass",
    code: "MFA_PASS_INVALID",
    correlationId: attempt.correlationId,
    clientIp: request.ip,
    at,
    run: place.run,
  });
  await recordSignInEvent(db, {
    ...eventBase(attempt, request),
    step: "second_factor",
    method: "access_pass",
    result: "failure",
    code: after.locked ? "ACCOUNT_LOCKED" : "MFA_PASS_INVALID",
  });
  if (after.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(after, at), correlationId: attempt.correlationId });
  throw new AppError("MFA_PASS_INVALID", { correlationId: attempt.correlationId });
}
