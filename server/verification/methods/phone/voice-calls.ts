import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { phoneNumbers, voiceCalls, type CallState } from "@/db/schema";
import { recordAudit } from "../../../audit/record-audit";
import { keyedHash, keyedHashEquals } from "../../../crypto/keyed-hash";
import { randomDigits } from "../../../crypto/random";
import { recordDeliveryAttempt } from "../../../delivery/delivery-attempts";
import { enqueueMessage, noticeToPerson, type Template } from "../../../delivery/enqueue";
import { CALL_KEYS_PATTERN, FRAUD_KEYS, type InboundConsumer, type InboundDelivery } from "../../../delivery/inbound-events";
import type { ErrorCode } from "../../../core/errors";
import type { AppLocale } from "../../../i18n/translate";
import type { LockState } from "../../lockout";
import { ownerStepEvent, recordFactorStepFailure, stepCorrelationId } from "../../run-factor-step";
import type { FactorContext } from "../method";
import { methodRow } from "../method-rows";
import { describePhone } from "./describe-phone";

/**
 * Verification calls with number matching (seed 002, hardened in issue 10): the sign-in page shows
 * a number (2 digits), the call asks to type "the number shown on your screen, then #" without ever
 * saying it, so a person answering a call they did not expect cannot approve someone else's sign-in
 * by pressing # alone. The right number and "#" approves; anything else before "#" (no digits
 * included) is a wrong number; "0#" reports fraud (the number is suspended, audited, and the person
 * told); no answer within 60 s or no key within 30 s of answering fails. State lives in the
 * database, so the phone's or provider's callback and the sign-in page's polling may reach
 * different instances.
 */
export const CALL_RING_SECONDS = 60;
export const CALL_KEYPRESS_SECONDS = 30;
/** How many digits the sign-in page shows for a call. */
export const CALL_MATCH_DIGITS = 2;

/** What the phone did to a call, as this module reads the inbound event (delivery's inbound-events.ts). */
type CallEvent = { type: "answered" } | { type: "declined" } | { type: "key"; keys: string };
type Call = typeof voiceCalls.$inferSelect;

const matchDomain = (callId: string) => `call-match:${callId}`;

/** What the call says: someone is signing in, or someone signed in wants to confirm it's them. */
const CALL_TEMPLATES = { sign_in: "sign_in_call", step_up: "step_up_call" } as const satisfies Record<FactorContext["purpose"], Template>;

/**
 * Places a call and returns it with the number the sign-in page shows. Only its keyed hash is
 * stored; the call's text never contains it.
 */
export async function placeVerificationCall(
  db: Executor,
  input: {
    personId: string;
    methodId: string;
    ownerId: string;
    /** A sign-in or a step-up ("confirm it's you"): the call says which. */
    purpose: FactorContext["purpose"];
    e164: string;
    locale: AppLocale;
    correlationId: string;
    at: Date;
    digits?: number;
  },
): Promise<{ call: Call; matchNumber: string }> {
  const messageId = await enqueueMessage(db, {
    channel: "voice",
    recipient: input.e164,
    personId: input.personId,
    locale: input.locale,
    template: CALL_TEMPLATES[input.purpose],
    // The call asks for the number shown, then #: what the phone does comes back as inbound events.
    call: "keys",
    correlationId: input.correlationId,
    maxAttempts: 1,
  });
  const id = randomUUID();
  const matchNumber = randomDigits(input.digits ?? CALL_MATCH_DIGITS);
  const [call] = await db
    .insert(voiceCalls)
    .values({
      id,
      personId: input.personId,
      methodId: input.methodId,
      ownerId: input.ownerId,
      messageId,
      e164: input.e164,
      matchHash: keyedHash(matchDomain(id), matchNumber),
      createdAt: input.at,
    })
    .returning();
  return { call: call!, matchNumber };
}

/** What keys typed on an answered call mean: "0#" fraud; the shown number and "#" approval; anything else a wrong number. */
function afterKeys(call: Pick<Call, "id" | "matchHash">, keys: string): "confirmed" | "fraud_reported" | "wrong_number" {
  if (keys === FRAUD_KEYS) return "fraud_reported";
  const digits = keys.slice(0, -1);
  if (!CALL_KEYS_PATTERN.test(keys) || digits === "" || !call.matchHash) return "wrong_number";
  return keyedHashEquals(matchDomain(call.id), digits, call.matchHash) ? "confirmed" : "wrong_number";
}

/** The call's state now: a ringing call past 60 s went unanswered; an answered one past 30 s got no key. */
export function callStateAt(call: Pick<Call, "state" | "createdAt" | "answeredAt">, at: Date): CallState {
  if (call.state === "ringing" && at.getTime() - call.createdAt.getTime() > CALL_RING_SECONDS * 1000) return "no_answer";
  if (call.state === "answered" && call.answeredAt && at.getTime() - call.answeredAt.getTime() > CALL_KEYPRESS_SECONDS * 1000) return "no_keypress";
  return call.state;
}

function nextStep(call: Call, event: CallEvent): { from: CallState; to: CallState } {
  if (event.type === "answered") return { from: "ringing", to: "answered" };
  if (event.type === "declined") return { from: "ringing", to: "declined" };
  return { from: "answered", to: afterKeys(call, event.keys) };
}

/** A call event from delivery as this module reads it; a provider's "no answer" changes nothing (the 60 s ring time decides). */
function callEventOf(event: InboundDelivery["event"]): CallEvent | null {
  if (event.type === "call_answered") return { type: "answered" };
  if (event.type === "call_declined") return { type: "declined" };
  if (event.type === "call_fraud_reported") return { type: "key", keys: FRAUD_KEYS };
  if (event.type === "call_keys") return { type: "key", keys: event.keys };
  return null;
}

/** The phone's part of the inbound port: delivery raises call events, this moves the call (wired in server/wiring.ts). */
export const callEvents: InboundConsumer = {
  consumer: "phone",
  handles: ["call_answered", "call_declined", "call_keys", "call_fraud_reported", "call_no_answer"],
  handle: async (db, delivery) => {
    const event = callEventOf(delivery.event);
    if (event) await applyCallEvent(db, { messageId: delivery.messageId, event, provider: delivery.provider, at: delivery.at });
  },
};

/**
 * Applies what the phone did to a call (by its message ID): a conditional update, so a replayed or
 * out-of-order event changes nothing. Returns the call after it, or null when nothing changed.
 */
export async function applyCallEvent(db: Executor, input: { messageId: string; event: CallEvent; provider: string; at: Date }): Promise<Call | null> {
  const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.messageId, input.messageId)).orderBy(desc(voiceCalls.createdAt)).limit(1);
  if (!call) return null;
  const step = nextStep(call, input.event);
  if (callStateAt(call, input.at) !== step.from) return null;
  const [updated] = await db
    .update(voiceCalls)
    .set({
      state: step.to,
      answeredAt: step.to === "answered" ? input.at : call.answeredAt,
      endedAt: step.to === "answered" ? null : input.at,
    })
    .where(and(eq(voiceCalls.id, call.id), eq(voiceCalls.state, step.from)))
    .returning();
  if (!updated) return null;
  await recordDeliveryAttempt(db, {
    messageId: input.messageId,
    provider: input.provider,
    status: step.to === "answered" ? "answered" : step.to === "declined" ? "failed" : "key_pressed",
    // How many digits were typed, never which: the digits are the sign-in page's secret.
    detail: input.event.type === "key" ? { callState: step.to, digitsTyped: Math.max(0, input.event.keys.length - 1) } : { callState: step.to },
    occurredAt: input.at,
  });
  if (step.to === "fraud_reported") {
    await db
      .update(phoneNumbers)
      .set({ suspendedAt: input.at })
      .where(and(eq(phoneNumbers.methodId, call.methodId), isNull(phoneNumbers.suspendedAt)));
    await recordAudit(db, {
      action: "method.fraud_reported",
      actorKind: "person",
      actorPersonId: call.personId,
      targetPersonId: call.personId,
      reason: "0# pressed on a verification call",
      detail: { methodId: call.methodId, callId: call.id },
    });
    // The call's method is the person's (a foreign key), in any state: the notice names that phone.
    const suspended = (await methodRow(db, call.personId, call.methodId))!;
    await noticeToPerson(db, { personId: call.personId, template: "call_fraud_reported", method: describePhone(suspended) });
  }
  // The phone's answer ended the call in a failure: it counts now, not only when the page asks.
  await countFailedCall(db, updated, input.at, { ip: null, userAgent: null });
  return updated;
}

export async function latestCall(db: Executor, ownerId: string): Promise<Call | null> {
  const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.ownerId, ownerId)).orderBy(desc(voiceCalls.createdAt)).limit(1);
  return call ?? null;
}

/** The failure an ended call stands for. */
const CALL_FAILURES: Partial<Record<CallState, ErrorCode>> = {
  no_answer: "MFA_CALL_UNANSWERED",
  no_keypress: "MFA_CALL_NO_KEYPRESS",
  declined: "MFA_CALL_DECLINED",
  fraud_reported: "MFA_CALL_FRAUD_REPORTED",
  wrong_number: "MFA_CALL_WRONG_NUMBER",
};

export function callFailure(state: CallState): ErrorCode | null {
  return CALL_FAILURES[state] ?? null;
}

/**
 * Counts a failed call toward the second-factor lockout, once: as soon as the phone's answer ends
 * it (a wrong number, a decline, "0#"), or when the sign-in page (or "confirm it's you") next asks
 * (no answer, no key). So a page that stops asking cannot keep a wrong number from counting. Writes
 * the failure event of the sign-in or step-up with it. Returns the lock state after it, or null
 * when there was nothing (more) to count.
 */
export async function countFailedCall(db: Executor, call: Call, at: Date, client: { ip: string | null; userAgent: string | null }): Promise<LockState | null> {
  const state = callStateAt(call, at);
  const code = callFailure(state);
  if (!code || !(await markCallCounted(db, call.id, at))) return null;
  // The sign-in's second factor, or a session's step-up ("confirm it's you").
  const event = await ownerStepEvent(db, call.ownerId, client);
  // The failure half of the lockout protocol, as a step counts it after the fact.
  const { lock } = await recordFactorStepFailure(db, {
    personId: call.personId,
    at,
    correlationId: stepCorrelationId(event),
    clientIp: client.ip,
    method: "voice",
    failure: { ok: false, code, params: {}, detail: { callState: state } },
    event,
  });
  return lock;
}

/** Marks a failed call as counted toward the lockout; true only the first time. */
export async function markCallCounted(db: Executor, callId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(voiceCalls)
    .set({ countedAt: at })
    .where(and(eq(voiceCalls.id, callId), isNull(voiceCalls.countedAt)))
    .returning({ id: voiceCalls.id });
  return rows.length === 1;
}

/** Marks a confirmed call as used to prove a step; true only the first time (a confirmed call proves one step). */
export async function markCallUsed(db: Executor, callId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(voiceCalls)
    .set({ usedAt: at })
    .where(and(eq(voiceCalls.id, callId), eq(voiceCalls.state, "confirmed"), isNull(voiceCalls.usedAt)))
    .returning({ id: voiceCalls.id });
  return rows.length === 1;
}
