import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { simulatedInbox, type Channel } from "@/db/schema";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { type CallEvent, raiseInboundEvent } from "./inbound-events";
import { providersFor } from "./providers/registry";

/** Whether the simulated phone or mailbox exists for a channel (demo and tests only). */
export function simulatedChannelOn(channel: Channel): boolean {
  return providersFor(channel).some((p) => p.name === "simulated");
}

/** What the simulated mailbox or phone received, newest first (optionally for one recipient). */
export async function simulatedMessages(input: { channel: Channel; recipient?: string; limit?: number }) {
  if (!simulatedChannelOn(input.channel)) throw new AppError("NOT_FOUND");
  const db = await getDb();
  const where = input.recipient ? and(eq(simulatedInbox.channel, input.channel), eq(simulatedInbox.recipient, input.recipient)) : eq(simulatedInbox.channel, input.channel);
  return db
    .select()
    .from(simulatedInbox)
    .where(where)
    .orderBy(desc(simulatedInbox.receivedAt), desc(simulatedInbox.id))
    .limit(input.limit ?? 50);
}

/** The recipients the simulated channel has messages for (for the filter). */
export async function simulatedRecipients(channel: Channel): Promise<string[]> {
  if (!simulatedChannelOn(channel)) throw new AppError("NOT_FOUND");
  const db = await getDb();
  const rows = await db.selectDistinct({ recipient: simulatedInbox.recipient }).from(simulatedInbox).where(eq(simulatedInbox.channel, channel));
  return rows.map((r) => r.recipient).sort();
}

export type SimulatedCallAction = "answer" | "decline" | "hash" | "zero-hash";

function callEvent(action: SimulatedCallAction, digits: string): CallEvent {
  if (action === "answer") return { type: "call_answered" };
  if (action === "decline") return { type: "call_declined" };
  if (action === "zero-hash") return { type: "call_fraud_reported" };
  return { type: "call_keys", keys: `${digits}#` };
}

/**
 * A button on the simulated phone's call screen: what a provider's callback would report. "hash"
 * sends the digits typed on the keypad before it ("47" then # is "47#").
 */
export async function simulatedCallAction(messageId: string, action: SimulatedCallAction, digits = ""): Promise<void> {
  if (!simulatedChannelOn("voice")) throw new AppError("NOT_FOUND");
  const db = await getDb();
  await raiseInboundEvent(db, { messageId, event: callEvent(action, digits), provider: "simulated", at: now() });
}
