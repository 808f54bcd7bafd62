import type { Executor } from "@/db/client";
import { deliveryAttempts } from "@/db/schema";

type AttemptRow = typeof deliveryAttempts.$inferInsert;

/**
 * Records what happened to a message (accepted, delivered, failed, a call answered or keys
 * pressed) in delivery's own log. The one way into delivery_attempts for code outside the worker:
 * a method that consumes an inbound event says here what the event did, in the caller's executor.
 */
export async function recordDeliveryAttempt(
  db: Executor,
  input: { messageId: string; provider: string; status: AttemptRow["status"]; detail?: AttemptRow["detail"]; correlationId?: string | null; occurredAt: Date },
): Promise<void> {
  await db.insert(deliveryAttempts).values({
    messageId: input.messageId,
    provider: input.provider,
    status: input.status,
    detail: input.detail,
    correlationId: input.correlationId,
    occurredAt: input.occurredAt,
  });
}
