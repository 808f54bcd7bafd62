import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { voiceCalls, type CallState } from "@/db/schema";
import { now } from "../../../core/clock";
import { simulatedMessages } from "../../../delivery/simulated-inbox";
import { callStateAt } from "./voice-calls";

export interface SimulatedCall {
  messageId: string;
  body: string;
  receivedAt: Date;
  /** What became of a call that asks for keys; "spoken": a call that only reads its text out (a helpdesk code). */
  state: CallState | "spoken";
}

/**
 * Calls that reached the simulated phone (demo and tests only), newest first, with what happened
 * to them: delivery says what arrived and how each call goes, the phone method what became of each
 * call that asks for keys.
 */
export async function simulatedCalls(recipient: string, limit = 10): Promise<SimulatedCall[]> {
  const arrived = await simulatedMessages({ channel: "voice", recipient, limit: 50 });
  if (arrived.length === 0) return [];
  const db = await getDb();
  const calls = await db
    .select()
    .from(voiceCalls)
    .where(
      inArray(
        voiceCalls.messageId,
        arrived.map((m) => m.messageId),
      ),
    );
  const byMessage = new Map(calls.map((c) => [c.messageId, c]));
  const at = now();
  return arrived
    .flatMap((inbox): SimulatedCall[] => {
      const shown = { messageId: inbox.messageId, body: inbox.body, receivedAt: inbox.receivedAt };
      if (inbox.callMode === "spoken") return [{ ...shown, state: "spoken" }];
      const call = byMessage.get(inbox.messageId);
      return call ? [{ ...shown, state: callStateAt(call, at) }] : [];
    })
    .slice(0, limit);
}
