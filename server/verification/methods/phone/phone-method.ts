import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { oneTimeCodes, voiceCalls } from "@/db/schema";
import { AppError } from "../../../core/errors";
import { enqueueMessage } from "../../../delivery/enqueue";
import type { CallerChannel, MethodBasics, MethodRow } from "../method";
import { retireMethodRows } from "../retire-rows";
import { attachMessage, checkOneTimeCode, issueOneTimeCode, ttlMinutes } from "./one-time-codes";
import { maskPhone, phoneUsableFor } from "./phone-number";
import { reserveSend } from "./send-limits";

/** A verified, not suspended mobile that may take texts: where a helpdesk code can go. */
function callerChannels({ phone }: MethodRow): CallerChannel[] {
  if (phone?.role !== "mobile" || !phone.verifiedAt || phone.suspendedAt) return [];
  return phoneUsableFor(phone.e164, "text") ? ["sms"] : [];
}

/**
 * A phone: a mobile takes texts and calls, an alternate or office phone calls only. An office phone
 * is set by an administrator; the person cannot remove it.
 */
export const phoneMethod: MethodBasics = {
  kind: "phone",
  channels: ["sms", "voice"],
  capabilities: { signIn: true, stepUp: true, callerVerification: true, staff: false, firstMethod: true },
  describe: ({ method, phone }) => ({
    methodId: method.id,
    kind: "phone",
    labelKey: phone?.role ?? "mobile",
    detail: phone ? maskPhone(phone.e164) + (phone.extension ? ` (${phone.extension})` : "") : null,
    device: "phone",
    amr: phone?.role === "mobile" ? ["sms", "tel"] : ["tel"],
    managedBy: phone?.role === "office" ? "admin" : "person",
    addedAt: method.confirmedAt,
    lastUsedAt: method.lastUsedAt,
  }),
  /**
   * A retired phone's codes that still worked stop working now (they read as expired), and a call
   * still ringing or waiting for keys ends unanswered, never counted toward the person's lockout:
   * whoever has the phone can no longer finish anything with it.
   */
  async retireAll(tx, personId, at, only) {
    const retired = await retireMethodRows(tx, { kind: "phone", personId, at, only });
    if (retired.length === 0) return retired;
    await tx
      .update(oneTimeCodes)
      .set({ expiresAt: at })
      .where(and(inArray(oneTimeCodes.methodId, retired), isNull(oneTimeCodes.usedAt), isNull(oneTimeCodes.supersededAt), gt(oneTimeCodes.expiresAt, at)));
    for (const [from, to] of [
      ["ringing", "no_answer"],
      ["answered", "no_keypress"],
    ] as const) {
      await tx
        .update(voiceCalls)
        .set({ state: to, endedAt: at, countedAt: at })
        .where(and(inArray(voiceCalls.methodId, retired), eq(voiceCalls.state, from)));
    }
    return retired;
  },
  callerVerification: {
    channels: callerChannels,
    /** A text naming the ticket, with a code bound to this verification (purpose helpdesk_verification). */
    async send(tx, input) {
      const phone = input.row.phone;
      if (!phone || !callerChannels(input.row).includes(input.channel)) throw new AppError("HELPDESK_NO_METHOD");
      const limited = await reserveSend(tx, { purpose: "helpdesk", use: "text", personId: input.row.method.personId, e164: phone.e164, country: phone.country, at: input.at });
      if (limited) throw new AppError("MFA_THROTTLED", { params: { seconds: limited.retryAfterSeconds }, retryAfterSeconds: limited.retryAfterSeconds });
      const issued = await issueOneTimeCode(tx, {
        personId: input.row.method.personId,
        methodId: input.row.method.id,
        purpose: "helpdesk_verification",
        channel: "sms",
        ownerId: input.verificationId,
        at: input.at,
        ttlSeconds: input.ttlSeconds,
      });
      const messageId = await enqueueMessage(tx, {
        channel: "sms",
        recipient: phone.e164,
        personId: input.row.method.personId,
        locale: input.locale,
        template: "helpdesk_verification_code",
        params: { reference: input.reference, code: issued.code, minutes: ttlMinutes(input.ttlSeconds) },
        maxAttempts: 1,
      });
      await attachMessage(tx, issued.id, messageId);
      return { messageId };
    },
    async check(db, input) {
      return (await checkOneTimeCode(db, { ownerId: input.verificationId, purpose: "helpdesk_verification", code: input.code, at: input.at })).kind;
    },
  },
};
