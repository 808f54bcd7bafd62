import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { mfaMethods, oneTimeCodes, people, voiceCalls } from "@/db/schema";
import { getPolicy } from "../../../policy/policy";
import type { CallerChannel, FactorMethod, MethodRow } from "../method";
import { describePhone } from "./describe-phone";
import { checkTextCode, deliverMessageNow, sendTextCode } from "./text-codes";
import { CALL_RING_SECONDS, callEvents, callFailure, callStateAt, latestCall, markCallCounted, markCallUsed, placeVerificationCall } from "./voice-calls";
import { AppError } from "../../../core/errors";
import { enqueueMessage } from "../../../delivery/enqueue";
import { retireMethodRows } from "../retire-rows";
import { attachMessage, checkOneTimeCode, issueOneTimeCode, ttlMinutes } from "./one-time-codes";
import { maskPhone, phoneUsableFor } from "./phone-number";
import { phoneEnrolment } from "./register-phone";
import { reserveSend } from "./send-limits";

/**
 * Where a helpdesk code can go: a verified, not suspended phone; by text to a mobile, and by a call
 * that reads the code out to every phone we may call (an office phone too).
 */
function callerChannels({ phone }: MethodRow): CallerChannel[] {
  if (!phone?.verifiedAt || phone.suspendedAt) return [];
  const channels: CallerChannel[] = [];
  if (phone.role === "mobile" && phoneUsableFor(phone.e164, "text")) channels.push("sms");
  if (phoneUsableFor(phone.e164, "call")) channels.push("voice");
  return channels;
}

/** A code as a call reads it out: digit by digit ("4 8 1 5 9 2"). */
const spokenDigits = (code: string) => code.split("").join(" ");

/**
 * A phone: a mobile takes texts and calls, an alternate or office phone calls only. An office phone
 * is set by an administrator; the person cannot remove it.
 */
export const phoneMethod: FactorMethod & { enrol: typeof phoneEnrolment } = {
  kind: "phone",
  channels: ["sms", "voice"],
  capabilities: { signIn: true, stepUp: true, callerVerification: true, staff: false, firstMethod: true },
  amrByChannel: { sms: ["sms"], voice: ["tel"] },
  inbound: callEvents,
  traits: {
    sms: { response: "typed", challenged: true, strength: 1 },
    voice: { response: "awaited", challenged: true, strength: 2 },
  },
  describe: describePhone,
  page: { href: "/security-info/phone", linkKey: "addPhone", actionKey: "add_phone" },

  /**
   * Texts for a mobile, calls for every phone, as far as the policy allows them; never an
   * unverified or suspended number, nor a channel the number's kind does not allow (a number
   * stored before that rule).
   */
  offers: ({ phone }, { policy }) => {
    if (!phone?.verifiedAt || phone.suspendedAt) return [];
    const offered: ("sms" | "voice")[] = [];
    if (phone.role === "mobile" && policy.textAllowed && phoneUsableFor(phone.e164, "text")) offered.push("sms");
    if (policy.voiceAllowed && phoneUsableFor(phone.e164, "call")) offered.push("voice");
    return offered;
  },

  /** A text: a new code (only the newest works); a call: number matching, ringing 60 s. */
  async challenge(db, context, { method, phone }, channel, record) {
    const [person] = await db.select({ locale: people.locale, organisationId: people.organisationId }).from(people).where(eq(people.id, context.personId));
    if (channel === "voice") {
      const limited = await reserveSend(db, { purpose: context.purpose, use: "call", personId: context.personId, e164: phone!.e164, country: phone!.country, at: context.at });
      if (limited) return { status: "throttled", retryAfterSeconds: limited.retryAfterSeconds };
      const placed = await db.transaction(async (tx) => {
        const { call, matchNumber } = await placeVerificationCall(tx, {
          personId: context.personId,
          methodId: method.id,
          ownerId: context.ownerId,
          purpose: context.purpose,
          e164: phone!.e164,
          locale: person!.locale,
          correlationId: context.correlationId ?? context.ownerId,
          at: context.at,
        });
        await record?.(tx, { calling: maskPhone(phone!.e164), messageId: call.messageId });
        return { messageId: call.messageId, matchNumber };
      });
      return {
        status: (await deliverMessageNow(placed.messageId)) ? "sent" : "failed",
        messageId: placed.messageId,
        expiresInSeconds: CALL_RING_SECONDS,
        matchNumber: placed.matchNumber,
      };
    }
    const sent = await sendTextCode(
      db,
      {
        purpose: context.purpose,
        ownerId: context.ownerId,
        budget: context.purpose,
        personId: context.personId,
        methodId: method.id,
        e164: phone!.e164,
        country: phone!.country,
        locale: person!.locale,
        template: "sign_in_code",
        ttlSeconds: (await getPolicy(db, person!.organisationId)).textCodeTtlSeconds,
        correlationId: context.correlationId,
        at: context.at,
      },
      { alongside: (tx, { messageId, to }) => record?.(tx, { sent: true, to, messageId }) ?? Promise.resolve() },
    );
    if (sent.status === "throttled") return sent;
    return { status: sent.status === "failed" ? "failed" : "sent", messageId: sent.messageId, expiresInSeconds: sent.expiresInSeconds, matchNumber: null };
  },

  /** A text code: the newest sent to this owner for this purpose. */
  async verify(db, context, channel, response) {
    const check = await checkTextCode(db, { ownerId: context.ownerId, purpose: context.purpose, code: response, at: context.at });
    if (!check.ok) return check;
    await db.update(mfaMethods).set({ lastUsedAt: context.at }).where(eq(mfaMethods.id, check.methodId));
    return { ok: true, methodId: check.methodId, channel };
  },

  /**
   * The owner's latest call: ringing or answered (waiting), the shown number and "#" typed, or how
   * it failed. A failure counts once: here, unless the phone's answer already counted it. A
   * confirmed call proves one step, once: asked again, there is nothing (more) to wait for.
   */
  async poll(db, context) {
    const call = await latestCall(db, context.ownerId);
    if (!call) return null;
    const state = callStateAt(call, context.at);
    if (state === "ringing" || state === "answered") return { status: "waiting", state };
    if (state === "confirmed") return (await markCallUsed(db, call.id, context.at)) ? { ok: true, methodId: call.methodId, channel: "voice" } : null;
    const counted = await markCallCounted(db, call.id, context.at);
    return { ok: false, code: callFailure(state)!, params: {}, detail: { callState: state }, ...(counted ? {} : { tally: "already_counted" as const }) };
  },

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
  enrol: phoneEnrolment,

  callerVerification: {
    channels: callerChannels,
    /**
     * A text, or a call that reads it out (twice) and asks for nothing, naming the ticket, with a
     * code bound to this verification (purpose helpdesk_verification), within the helpdesk's caps.
     */
    async send(tx, input) {
      const phone = input.row.phone;
      if (!phone || !callerChannels(input.row).includes(input.channel)) throw new AppError("HELPDESK_NO_METHOD");
      const byCall = input.channel === "voice";
      const limited = await reserveSend(tx, {
        purpose: "helpdesk",
        use: byCall ? "call" : "text",
        personId: input.row.method.personId,
        e164: phone.e164,
        country: phone.country,
        at: input.at,
      });
      if (limited) throw new AppError("MFA_THROTTLED", { params: { seconds: limited.retryAfterSeconds }, retryAfterSeconds: limited.retryAfterSeconds });
      const issued = await issueOneTimeCode(tx, {
        personId: input.row.method.personId,
        methodId: input.row.method.id,
        purpose: "helpdesk_verification",
        channel: input.channel,
        ownerId: input.verificationId,
        at: input.at,
        ttlSeconds: input.ttlSeconds,
      });
      const messageId = await enqueueMessage(tx, {
        channel: input.channel,
        recipient: phone.e164,
        personId: input.row.method.personId,
        locale: input.locale,
        template: byCall ? "helpdesk_verification_call" : "helpdesk_verification_code",
        params: { reference: input.reference, code: byCall ? spokenDigits(issued.code) : issued.code, minutes: ttlMinutes(input.ttlSeconds) },
        maxAttempts: 1,
        // Not a sign-in call: it only speaks, so nothing typed on it can approve anything.
        ...(byCall ? { call: "spoken" as const } : {}),
      });
      await attachMessage(tx, issued.id, messageId);
      return { messageId };
    },
    async check(db, input) {
      return (await checkOneTimeCode(db, { ownerId: input.verificationId, purpose: "helpdesk_verification", code: input.code, at: input.at })).kind;
    },
  },
};
