import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods, people, phoneNumbers } from "@/db/schema";
import { AppError } from "../core/errors";
import { getPolicy } from "../policy/policy";
import { checkOneTimeCode } from "../verification/methods/phone/one-time-codes";
import { assertPhoneTypeAllowed, maskPhone, parsePhone } from "../verification/methods/phone/phone-number";
import { deliverMessageNow, sendTextCode } from "../verification/methods/phone/text-codes";
import { methodAdded } from "../verification/methods/method-added";
import { REGISTRATION_TTL_SECONDS } from "../verification/methods/totp/register-totp";

type Owner = { attemptId: string } | { sessionId: string };
export type PhoneRole = "mobile" | "alternate";

/**
 * Registering a phone number (seed 003 first-time setup, security info): parsed as E.164, from an
 * allowed country, a number we may text (a mobile: never premium-rate, shared-cost and the like),
 * verified by a code sent to that number before it is ever used. That code is a registration send:
 * it counts toward the registering account's own caps (3 a day) and the registration caps, never
 * toward the sign-in or helpdesk budget of a person who already verified this number.
 * Returns the message to deliver now (the caller sends it after its transaction commits).
 */
export async function beginPhoneRegistration(
  db: Executor,
  input: { personId: string; owner: Owner; number: string; role: PhoneRole; at: Date; correlationId: string | null },
): Promise<{ methodId: string; display: string; messageId: string; expiresInSeconds: number }> {
  const parsed = parsePhone(input.number);
  if (!parsed) throw new AppError("PHONE_NUMBER_INVALID");
  const [person] = await db.select().from(people).where(eq(people.id, input.personId));
  const policy = await getPolicy(db, person!.organisationId);
  if (!policy.allowedCountryCodes.includes(parsed.countryCallingCode)) {
    throw new AppError("PHONE_COUNTRY_NOT_ALLOWED", { params: { country: `+${parsed.countryCallingCode}` } });
  }
  // The code goes by text, so the number must take texts (also for an alternate phone).
  assertPhoneTypeAllowed(parsed, "text");
  if (!policy.textAllowed) throw new AppError("PHONE_CHANNEL_NOT_ALLOWED");
  const ownerColumn = "attemptId" in input.owner ? mfaMethods.registrationAttemptId : mfaMethods.registrationSessionId;
  const ownerId = "attemptId" in input.owner ? input.owner.attemptId : input.owner.sessionId;
  await db
    .update(mfaMethods)
    .set({ removedAt: input.at })
    .where(and(eq(mfaMethods.personId, input.personId), eq(mfaMethods.kind, "phone"), eq(ownerColumn, ownerId), isNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)));
  const [method] = await db
    .insert(mfaMethods)
    .values({
      personId: input.personId,
      kind: "phone",
      label: input.role === "mobile" ? "Mobile phone" : "Alternate phone",
      createdAt: input.at,
      registrationAttemptId: "attemptId" in input.owner ? input.owner.attemptId : null,
      registrationSessionId: "sessionId" in input.owner ? input.owner.sessionId : null,
    })
    .returning({ id: mfaMethods.id });
  await db.insert(phoneNumbers).values({ methodId: method!.id, e164: parsed.e164, country: parsed.country, role: input.role });
  const ttlSeconds = policy.textCodeTtlSeconds;
  // A registration send: its own caps; over one, nothing is sent and this transaction rolls back.
  const sent = await sendTextCode(
    db,
    {
      purpose: "verify_number",
      ownerId: method!.id,
      budget: "registration",
      personId: input.personId,
      methodId: method!.id,
      e164: parsed.e164,
      country: parsed.country,
      locale: person!.locale,
      template: "verify_number_code",
      ttlSeconds,
      correlationId: input.correlationId,
      at: input.at,
    },
    { deliver: false },
  );
  if (sent.status === "throttled") throw new AppError("MFA_THROTTLED", { params: { seconds: sent.retryAfterSeconds }, retryAfterSeconds: sent.retryAfterSeconds });
  return { methodId: method!.id, display: maskPhone(parsed.e164), messageId: sent.messageId, expiresInSeconds: ttlSeconds };
}

export type PhoneConfirmation = { ok: true } | { ok: false; code: "MFA_CODE_MALFORMED" | "MFA_CODE_INVALID" | "MFA_CODE_EXPIRED" | "MFA_CODE_SUPERSEDED" | "MFA_CODE_REPLAYED" };

/** The code sent to the new number proves the person has it: the number becomes a method. */
export async function confirmPhoneRegistration(
  db: Executor,
  input: {
    personId: string;
    owner: Owner;
    methodId: string;
    code: string;
    at: Date;
    correlationId: string | null;
    clientIp: string | null;
    /** False when the caller tells the person about the whole change itself (a number that replaces another). */
    notify?: boolean;
  },
): Promise<PhoneConfirmation> {
  const [row] = await db
    .select()
    .from(mfaMethods)
    .where(and(eq(mfaMethods.id, input.methodId), eq(mfaMethods.personId, input.personId)));
  const ownerMatches = row && ("attemptId" in input.owner ? row.registrationAttemptId === input.owner.attemptId : row.registrationSessionId === input.owner.sessionId);
  if (!row || !ownerMatches || row.confirmedAt || row.removedAt || input.at.getTime() - row.createdAt.getTime() > REGISTRATION_TTL_SECONDS * 1000) {
    throw new AppError("MFA_REGISTRATION_EXPIRED");
  }
  const check = await checkOneTimeCode(db, { ownerId: input.methodId, purpose: "verify_number", code: input.code, at: input.at });
  if (check.kind !== "match") {
    const codes = {
      malformed: "MFA_CODE_MALFORMED",
      wrong: "MFA_CODE_INVALID",
      expired: "MFA_CODE_EXPIRED",
      superseded: "MFA_CODE_SUPERSEDED",
      replayed: "MFA_CODE_REPLAYED",
    } as const;
    return { ok: false, code: codes[check.kind] };
  }
  await db.update(phoneNumbers).set({ verifiedAt: input.at }).where(eq(phoneNumbers.methodId, input.methodId));
  await db.update(mfaMethods).set({ confirmedAt: input.at, lastUsedAt: input.at }).where(eq(mfaMethods.id, input.methodId));
  await methodAdded(db, {
    personId: input.personId,
    methodId: input.methodId,
    actor: { kind: "person", personId: input.personId },
    correlationId: input.correlationId,
    clientIp: input.clientIp,
    notify: input.notify,
  });
  return { ok: true };
}

/** Sends the registration code now (the person waits for it); DELIVERY_FAILED when no provider could. */
export async function sendRegistrationCodeNow(messageId: string): Promise<void> {
  if (!(await deliverMessageNow(messageId))) throw new AppError("DELIVERY_FAILED");
}
