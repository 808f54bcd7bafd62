import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { now } from "../clock";
import { AppError } from "../errors";
import type { RequestInfo } from "../http/request-info";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { attemptForBrowser, completeAttempt, type Attempt } from "./attempts";
import { lockState, recordFactorFailure } from "./lockout";
import { beginTotpRegistration, confirmTotpRegistration, type TotpSetup } from "./methods/totp/register-totp";
import type { CodeInput, RegistrationConfirmInput } from "./sign-in.schemas";
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

/** What the second-factor page shows before anything is typed: the lock, if there is one. */
export async function factorStepState(request: RequestInfo): Promise<{ correlationId: string; locked: null | { minutes: number; time: string } }> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending"]);
  const lock = await lockState(db, attempt.personId, at);
  return { correlationId: attempt.correlationId, locked: lock.locked ? (lockParams(lock, at) as { minutes: number; time: string }) : null };
}

/** The sign-in's second factor: a code from the authenticator app. */
export async function submitSignInCode(input: CodeInput, request: RequestInfo): Promise<CompletedStep> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending"]);
  const outcome = await verifySecondFactorCode(db, {
    personId: attempt.personId,
    code: input.code,
    at,
    correlationId: attempt.correlationId,
    clientIp: request.ip,
  });
  if (!outcome.ok) {
    await db.update(signInAttempts).set({ failures: sql`${signInAttempts.failures} + 1` }).where(eq(signInAttempts.id, attempt.id));
    await recordSignInEvent(db, { ...eventBase(attempt, request), step: "second_factor", method: "totp", result: "failure", code: outcome.code, detail: outcome.detail });
    throw new AppError(outcome.code, { params: outcome.params, correlationId: attempt.correlationId });
  }
  const token = await db.transaction(async (tx) => {
    const completionToken = await completeAttempt(tx, attempt, at, { method: "totp", factorVerified: true });
    await recordSignInEvent(tx, { ...eventBase(attempt, request), step: "second_factor", method: "totp", result: "success" });
    return completionToken;
  });
  return completed(attempt, token);
}

/** Forced registration: the QR code and key for a first authenticator app. */
export async function beginSignInRegistration(request: RequestInfo): Promise<TotpSetup> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["registration_required"]);
  const setup = await db.transaction((tx) => beginTotpRegistration(tx, { personId: attempt.personId, owner: { attemptId: attempt.id }, at }));
  await recordSignInEvent(db, { ...eventBase(attempt, request), step: "registration", method: "totp", result: "info", detail: { started: true } });
  return setup;
}

/** Forced registration: the first code confirms the app, and the sign-in ends signed in. */
export async function confirmSignInRegistration(input: RegistrationConfirmInput, request: RequestInfo): Promise<CompletedStep> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["registration_required"]);
  const lock = await lockState(db, attempt.personId, at);
  if (lock.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(lock, at), correlationId: attempt.correlationId });

  const result = await db.transaction(async (tx) => {
    const outcome = await confirmTotpRegistration(tx, {
      personId: attempt.personId,
      owner: { attemptId: attempt.id },
      methodId: input.methodId,
      code: normalizeCode(input.code),
      at,
      actor: "person",
      correlationId: attempt.correlationId,
      clientIp: request.ip,
    });
    if (!outcome.ok) return outcome;
    const completionToken = await completeAttempt(tx, attempt, at, { method: "totp", factorVerified: true });
    await recordSignInEvent(tx, { ...eventBase(attempt, request), step: "registration", method: "totp", result: "success" });
    return { ok: true as const, completionToken };
  });
  if (result.ok) return completed(attempt, result.completionToken);

  const params = result.code === "MFA_CLOCK_DRIFT" ? driftParams(result.offsetSeconds!) : {};
  const after = await recordFactorFailure(db, { personId: attempt.personId, method: "totp", code: result.code, correlationId: attempt.correlationId, clientIp: request.ip, at });
  await recordSignInEvent(db, {
    ...eventBase(attempt, request),
    step: "registration",
    method: "totp",
    result: "failure",
    code: result.code,
    detail: result.offsetSeconds !== undefined ? { clockOffsetSeconds: result.offsetSeconds } : undefined,
  });
  if (after.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(after, at), correlationId: attempt.correlationId });
  throw new AppError(result.code, { params, correlationId: attempt.correlationId });
}

/** The forced-registration page checks that this browser's attempt is waiting for registration. */
export async function registrationStepState(request: RequestInfo): Promise<{ correlationId: string }> {
  const attempt = await attemptForBrowser(await getDb(), request.cookieHeader, now(), ["registration_required"]);
  return { correlationId: attempt.correlationId };
}
