import { getDb } from "@/db/client";
import { now } from "../../core/clock";
import { AppError } from "../../core/errors";
import type { RequestInfo } from "../../http/request-info";
import { beginPhoneRegistration, confirmPhoneRegistration, sendRegistrationCodeNow } from "../../methods/register-phone";
import { recordSignInEvent } from "../../sign-in-log/record-sign-in-event";
import { normalizeCode } from "../factor-params";
import type { PhoneNumberInput, RegistrationConfirmInput } from "../sign-in.schemas";
import type { CompletedStep } from "../submit-password";
import { attemptEvent } from "./attempt-event";
import { confirmationFailure, finishSignInRegistration, mayRegisterKind, registrationAttempt } from "./finish-registration";

/** Forced registration with a mobile phone (seed 003): the number, then the code sent to it. */
export async function beginSignInPhoneRegistration(input: PhoneNumberInput, request: RequestInfo) {
  const db = await getDb();
  const at = now();
  const attempt = await registrationAttempt(db, request, at);
  if (!(await mayRegisterKind(db, attempt, "phone"))) throw new AppError("STAFF_AUTHENTICATOR_REQUIRED", { correlationId: attempt.correlationId });
  const started = await db.transaction((tx) =>
    beginPhoneRegistration(tx, { personId: attempt.personId, owner: { attemptId: attempt.id }, number: input.number, role: "mobile", at, correlationId: attempt.correlationId }),
  );
  await recordSignInEvent(db, { ...attemptEvent(attempt, request), step: "registration", method: "sms", result: "info", detail: { started: true, to: started.display } });
  await sendRegistrationCodeNow(started.messageId);
  return { methodId: started.methodId, display: started.display, expiresInSeconds: started.expiresInSeconds };
}

/** Forced registration with a phone: the code sent to the number confirms it, and the sign-in ends signed in. */
export function confirmSignInPhoneRegistration(input: RegistrationConfirmInput, request: RequestInfo): Promise<CompletedStep> {
  return finishSignInRegistration(request, "sms", input.methodId, async (tx, attempt, at) => {
    const outcome = await confirmPhoneRegistration(tx, {
      personId: attempt.personId,
      owner: { attemptId: attempt.id },
      methodId: input.methodId,
      code: normalizeCode(input.code),
      at,
      correlationId: attempt.correlationId,
      clientIp: request.ip,
    });
    return outcome.ok ? { ok: true } : confirmationFailure(outcome);
  });
}
