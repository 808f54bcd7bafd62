import { getDb } from "@/db/client";
import { now } from "../../core/clock";
import type { RequestInfo } from "../../http/request-info";
import { recordSignInEvent } from "../../sign-in-log/record-sign-in-event";
import { attemptForBrowser } from "../attempts";
import { normalizeCode } from "../factor-params";
import { beginTotpRegistration, confirmTotpRegistration, type TotpSetup } from "../methods/totp/register-totp";
import type { RegistrationConfirmInput } from "../sign-in.schemas";
import type { CompletedStep } from "../submit-password";
import { attemptEvent } from "./attempt-event";
import { confirmationFailure, finishSignInRegistration, mayRegisterKind, registrationAttempt } from "./finish-registration";

/** Forced registration: the QR code and key for a first authenticator app. */
export async function beginSignInRegistration(request: RequestInfo): Promise<TotpSetup> {
  const db = await getDb();
  const at = now();
  const attempt = await registrationAttempt(db, request, at);
  const setup = await db.transaction((tx) => beginTotpRegistration(tx, { personId: attempt.personId, owner: { attemptId: attempt.id }, at }));
  await recordSignInEvent(db, { ...attemptEvent(attempt, request), step: "registration", method: "totp", result: "info", detail: { started: true } });
  return setup;
}

/** Forced registration: the first code confirms the app, and the sign-in ends signed in. */
export function confirmSignInRegistration(input: RegistrationConfirmInput, request: RequestInfo): Promise<CompletedStep> {
  return finishSignInRegistration(request, "totp", input.methodId, async (tx, attempt, at) => {
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
    return outcome.ok ? { ok: true } : confirmationFailure(outcome);
  });
}

/**
 * The forced-registration page checks that this browser's attempt is waiting for registration, and
 * whether a phone may be the first method (never for staff: a phone lacks the staff capability).
 */
export async function registrationStepState(request: RequestInfo): Promise<{ correlationId: string; phoneAllowed: boolean }> {
  const db = await getDb();
  const attempt = await attemptForBrowser(db, request.cookieHeader, now(), ["registration_required"]);
  return { correlationId: attempt.correlationId, phoneAllowed: await mayRegisterKind(db, attempt, "phone") };
}
