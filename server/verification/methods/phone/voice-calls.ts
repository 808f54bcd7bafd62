import { and, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { deliveryAttempts, phoneNumbers, voiceCalls, type CallState } from "@/db/schema";
import { recordAudit } from "../../../audit/record-audit";
import { noticeToPerson } from "../../../delivery/enqueue";
import { enqueueMessage } from "../../../delivery/enqueue";
import type { AppLocale } from "../../../i18n/translate";

/**
 * Verification calls ("answer and press #", seed 002): answered and "#" approves; "0#" reports
 * fraud (the number is suspended, audited, and the person told); no answer within 60 s or no key
 * within 30 s of answering fails. State lives in the database, so the phone's or provider's
 * callback and the sign-in page's polling may reach different instances.
 */
export const CALL_RING_SECONDS = 60;
export const CALL_KEYPRESS_SECONDS = 30;

export type CallEvent = { type: "answered" } | { type: "declined" } | { type: "key"; keys: "#" | "0#" };
type Call = typeof voiceCalls.$inferSelect;

export async function placeVerificationCall(
  db: Executor,
  input: { personId: string; methodId: string; ownerId: string; e164: string; locale: AppLocale; correlationId: string; at: Date },
): Promise<Call> {
  const messageId = await enqueueMessage(db, {
    channel: "voice",
    recipient: input.e164,
    personId: input.personId,
    locale: input.locale,
    template: "sign_in_call",
    correlationId: input.correlationId,
    maxAttempts: 1,
  });
  const [call] = await db
    .insert(voiceCalls)
    .values({ personId: input.personId, methodId: input.methodId, ownerId: input.ownerId, messageId, e164: input.e164, createdAt: input.at })
    .returning();
  return call!;
}

/** The call's state now: a ringing call past 60 s went unanswered; an answered one past 30 s got no key. */
export function callStateAt(call: Pick<Call, "state" | "createdAt" | "answeredAt">, at: Date): CallState {
  if (call.state === "ringing" && at.getTime() - call.createdAt.getTime() > CALL_RING_SECONDS * 1000) return "no_answer";
  if (call.state === "answered" && call.answeredAt && at.getTime() - call.answeredAt.getTime() > CALL_KEYPRESS_SECONDS * 1000) return "no_keypress";
  return call.state;
}

const NEXT: Record<CallEvent["type"] | "#" | "0#", { from: CallState; to: CallState }> = {
  answered: { from: "ringing", to: "answered" },
  declined: { from: "ringing", to: "declined" },
  key: { from: "answered", to: "confirmed" },
  "#": { from: "answered", to: "confirmed" },
  "0#": { from: "answered", to: "fraud_reported" },
};

/**
 * Applies what the phone did to a call (by its message ID): a conditional update, so a replayed or
 * out-of-order event changes nothing. Returns the call after it, or null when nothing changed.
 */
export async function applyCallEvent(db: Executor, input: { messageId: string; event: CallEvent; provider: string; at: Date }): Promise<Call | null> {
  const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.messageId, input.messageId)).orderBy(desc(voiceCalls.createdAt)).limit(1);
  if (!call) return null;
  const step = NEXT[input.event.type === "key" ? input.event.keys : input.event.type];
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
  await db.insert(deliveryAttempts).values({
    messageId: input.messageId,
    provider: input.provider,
    status: step.to === "answered" ? "answered" : step.to === "declined" ? "failed" : "key_pressed",
    detail: { callState: step.to },
    occurredAt: input.at,
  });
  if (step.to === "fraud_reported") {
    await db.update(phoneNumbers).set({ suspendedAt: input.at }).where(and(eq(phoneNumbers.methodId, call.methodId), isNull(phoneNumbers.suspendedAt)));
    await recordAudit(db, {
      action: "method.fraud_reported",
      actorKind: "person",
      actorPersonId: call.personId,
      targetPersonId: call.personId,
      reason: "0# pressed on a verification call",
      detail: { methodId: call.methodId, callId: call.id },
    });
    await noticeToPerson(db, { personId: call.personId, template: "call_fraud_reported" });
  }
  return updated;
}

export async function latestCall(db: Executor, ownerId: string): Promise<Call | null> {
  const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.ownerId, ownerId)).orderBy(desc(voiceCalls.createdAt)).limit(1);
  return call ?? null;
}

/** Marks a failed call as counted toward the lockout; true only the first time. */
export async function markCallCounted(db: Executor, callId: string, at: Date): Promise<boolean> {
  const rows = await db.update(voiceCalls).set({ countedAt: at }).where(and(eq(voiceCalls.id, callId), isNull(voiceCalls.countedAt))).returning({ id: voiceCalls.id });
  return rows.length === 1;
}
