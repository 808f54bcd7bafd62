import { and, asc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import { open } from "../server/crypto/secret-box";
import { contentBinding } from "../server/delivery/enqueue";
import { deliverDueMessages } from "../server/delivery/worker";

/**
 * Runs the outbox worker until nothing due is left. Tests share a database per worker, so other
 * tests' notices may wait in the outbox too, and one run takes at most a batch (20).
 */
export async function drainOutbox(): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const done = await deliverDueMessages();
    if (done.sent + done.retry + done.dead === 0) return;
  }
  throw new Error("the outbox did not drain in 100 rounds");
}

/**
 * The emails still waiting in the outbox for a recipient (and, if given, of one template), opened
 * and oldest first. Sent messages lose their content, so tests read before they drain.
 */
export async function queuedEmails(where: { recipient?: string; personId?: string; template?: string }): Promise<Array<{ subject: string; body: string }>> {
  const db = await getDb();
  const conditions = [
    where.recipient ? eq(outboxMessages.recipient, where.recipient) : undefined,
    where.personId ? eq(outboxMessages.personId, where.personId) : undefined,
    where.template ? eq(outboxMessages.template, where.template) : undefined,
    isNotNull(outboxMessages.contentEnvelope),
  ];
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(and(...conditions))
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
  return rows.map((r) => JSON.parse(open(r.contentEnvelope!, contentBinding(r.id)).toString()) as { subject: string; body: string });
}
