import { eq } from "drizzle-orm";
import { mfaMethods, people, phoneNumbers, type PhoneRole } from "@/db/schema";
import { AppError } from "../../../core/errors";
import { getPolicy } from "../../../policy/policy";
import type { EnrolPart } from "../method";
import { methodRows } from "../method-rows";
import { markConfirmed, pendingRegistration, startRegistration } from "../pending-registrations";
import { assertPhoneTypeAllowed, maskPhone, parsePhone } from "./phone-number";
import { checkTextCode, sendTextCode } from "./text-codes";

/** A number as typed, and which of the person's phones it is (a first phone is a mobile). */
export interface PhoneEnrolInput {
  number: string;
  role?: Exclude<PhoneRole, "office">;
}

/** What the page shows while the code is on its way: the masked number and how long the code works. */
export interface PhoneShown {
  display: string;
  expiresInSeconds: number;
}

/** An office phone as an administrator sets it: the number and an extension ("" for none). */
export interface OfficePhoneInput {
  number: string;
  extension: string;
}

export const phoneEnrolment: EnrolPart<PhoneEnrolInput, PhoneShown, OfficePhoneInput> = {
  channel: "sms",

  /**
   * Registering a phone number (seed 003 first-time setup, security info): parsed as E.164, from an
   * allowed country, a number we may text (a mobile: never premium-rate, shared-cost and the like),
   * verified by a code sent to that number before it is ever used. That code is a registration send:
   * it counts toward the registering account's own caps (3 a day) and the registration caps, never
   * toward the sign-in or helpdesk budget of a person who already verified this number. The text is
   * queued in the caller's transaction; the caller delivers it once that commits (`messageId`).
   */
  async begin(tx, context, input) {
    const role = input.role ?? "mobile";
    const parsed = parsePhone(input.number);
    if (!parsed) throw new AppError("PHONE_NUMBER_INVALID");
    const [person] = await tx.select().from(people).where(eq(people.id, context.personId));
    const policy = await getPolicy(tx, person!.organisationId);
    if (!policy.allowedCountryCodes.includes(parsed.countryCallingCode)) {
      throw new AppError("PHONE_COUNTRY_NOT_ALLOWED", { params: { country: `+${parsed.countryCallingCode}` } });
    }
    // The code goes by text, so the number must take texts (also for an alternate phone).
    assertPhoneTypeAllowed(parsed, "text");
    if (!policy.textAllowed) throw new AppError("PHONE_CHANNEL_NOT_ALLOWED");
    const methodId = await startRegistration(tx, context, { kind: "phone", label: role === "mobile" ? "Mobile phone" : "Alternate phone", abandons: "same_kind" });
    await tx.insert(phoneNumbers).values({ methodId, e164: parsed.e164, country: parsed.country, role });
    const ttlSeconds = policy.textCodeTtlSeconds;
    // A registration send: its own caps; over one, nothing is sent and this transaction rolls back.
    const sent = await sendTextCode(
      tx,
      {
        purpose: "verify_number",
        ownerId: methodId,
        budget: "registration",
        personId: context.personId,
        methodId,
        e164: parsed.e164,
        country: parsed.country,
        locale: person!.locale,
        template: "verify_number_code",
        ttlSeconds,
        correlationId: context.correlationId,
        at: context.at,
      },
      { deliver: false },
    );
    if (sent.status === "throttled") throw new AppError("MFA_THROTTLED", { params: { seconds: sent.retryAfterSeconds }, retryAfterSeconds: sent.retryAfterSeconds });
    const display = maskPhone(parsed.e164);
    return { methodId, shown: { display, expiresInSeconds: ttlSeconds }, messageId: sent.messageId, facts: { to: display } };
  },

  /** The code sent to the new number proves the person has it: the number is verified and becomes a method. */
  async confirm(tx, context, { methodId, response }) {
    await pendingRegistration(tx, context, methodId);
    const check = await checkTextCode(tx, { ownerId: methodId, purpose: "verify_number", code: response, at: context.at });
    // A refused first code records no code facts in its event (it never did; only the sign-in's codes do).
    if (!check.ok) return { ...check, detail: {} };
    await tx.update(phoneNumbers).set({ verifiedAt: context.at }).where(eq(phoneNumbers.methodId, methodId));
    await markConfirmed(tx, methodId, context.at);
    return { ok: true, methodId };
  },

  replacementNotice: "number_changed",

  /**
   * An office phone (seed 002), set by an administrator with its extension: used for calls only (a
   * mobile or a fixed line, never a service number), verified because the administrator vouches
   * for it; it takes the place of the office phone set before.
   */
  async assign(tx, personId, at, input) {
    const parsed = parsePhone(input.number);
    if (!parsed) throw new AppError("PHONE_NUMBER_INVALID");
    // Calls only: a mobile or a fixed line, never a premium-rate or other service number.
    assertPhoneTypeAllowed(parsed, "call");
    const [person] = await tx.select().from(people).where(eq(people.id, personId));
    if (!person) throw new AppError("NOT_FOUND");
    const policy = await getPolicy(tx, person.organisationId);
    if (!policy.allowedCountryCodes.includes(parsed.countryCallingCode)) {
      throw new AppError("PHONE_COUNTRY_NOT_ALLOWED", { params: { country: `+${parsed.countryCallingCode}` } });
    }
    const existing = (await methodRows(tx, personId, { kind: "phone", state: "current" })).find((r) => r.phone?.role === "office");
    if (existing) await tx.update(mfaMethods).set({ removedAt: at }).where(eq(mfaMethods.id, existing.method.id));
    const [method] = await tx.insert(mfaMethods).values({ personId, kind: "phone", label: "Office phone", createdAt: at, confirmedAt: at }).returning({ id: mfaMethods.id });
    await tx.insert(phoneNumbers).values({ methodId: method!.id, e164: parsed.e164, country: parsed.country, role: "office", extension: input.extension || null, verifiedAt: at });
    return { methodId: method!.id, replaced: existing?.method.id ?? null };
  },
};
