import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { deliveryAttempts, outboxMessages } from "@/db/schema";
import { addSeconds, now } from "../core/clock";
import { open } from "../crypto/secret-box";
import { errorSummary, log } from "../core/log";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { contentBinding } from "./enqueue";
import { type InboundEvent, raiseInboundEvent } from "./inbound-events";
import { type OutgoingMessage, ProviderError, type PushContent } from "./providers/provider";
import { providersFor } from "./providers/registry";

/**
 * The outbox worker: claims due messages (SKIP LOCKED, with a lease so a crashed worker's claim
 * expires), hands each to its channel's providers in order (failover), and records every try.
 * Sent messages are never sent again (the claim only takes pending or lease-expired rows, and
 * providers deduplicate on the message ID). Failures retry with exponential backoff (or a
 * provider's Retry-After, if longer) and go to the dead letter state after MAX_ATTEMPTS; a final
 * refusal (a push subscription gone) fails the message at once, with its reason. Sent and dead
 * messages keep no content; a sent message records the provider that took it (only that
 * provider's callbacks may move it).
 */
export const DELIVERY = { batch: 20, leaseSeconds: 60, maxAttempts: 5, backoffBaseSeconds: 2 } as const;

type Claimed = typeof outboxMessages.$inferSelect;

async function claimDue(db: Executor, at: Date, onlyId?: string): Promise<Claimed[]> {
  const iso = at.toISOString();
  const lease = addSeconds(at, DELIVERY.leaseSeconds).toISOString();
  const only = onlyId ? sql`and id = ${onlyId}` : sql``;
  const result = await db.execute(sql`
    update outbox_messages set state = 'sending', attempts = attempts + 1, lease_until = ${lease}::timestamptz
    where id in (
      select id from outbox_messages
      where ((state = 'pending' and next_attempt_at <= ${iso}::timestamptz)
         or (state = 'sending' and lease_until < ${iso}::timestamptz)) ${only}
      order by next_attempt_at
      limit ${DELIVERY.batch}
      for update skip locked
    )
    returning id`);
  const ids = (result as unknown as { rows: Array<{ id: string }> }).rows.map((r) => r.id);
  if (ids.length === 0) return [];
  return db
    .select()
    .from(outboxMessages)
    .where(
      sql`${outboxMessages.id} in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
}

/** What the outbox sealed: a text's rendered subject and body, or a push message's content. */
type SealedContent = { subject: string | null; body: string } | { push: PushContent };

/** The message as its provider is handed it; null when its content is gone or does not fit its channel. */
function outgoingMessage(message: Claimed): OutgoingMessage | null {
  if (!message.contentEnvelope) return null;
  const content = JSON.parse(open(message.contentEnvelope, contentBinding(message.id)).toString()) as SealedContent;
  const about = { id: message.id, recipient: message.recipient, locale: message.locale };
  if (message.channel === "push") return "push" in content ? { ...about, channel: "push", push: content.push } : null;
  // A call queued before calls said how they go asked for keys.
  const call = message.channel === "voice" ? (message.callMode ?? "keys") : null;
  return "body" in content ? { ...about, channel: message.channel, subject: content.subject, body: content.body, call } : null;
}

/** The event that tells a recipient's owner it is gone (a push subscription), if its channel has one. */
function goneEvent(message: Claimed): InboundEvent | null {
  return message.channel === "push" ? { type: "push_subscription_gone", endpoint: message.recipient } : null;
}

async function deliverOne(db: Executor, message: Claimed, at: Date): Promise<"sent" | "retry" | "dead"> {
  const providers = providersFor(message.channel);
  const outgoing = outgoingMessage(message);
  let lastError = providers.length === 0 ? `no ${message.channel} provider configured` : "no content";
  let waitSeconds = 0;
  if (outgoing) {
    for (const provider of providers) {
      try {
        const result = await provider.send(outgoing);
        await db.insert(deliveryAttempts).values({
          messageId: message.id,
          provider: provider.name,
          status: result.status,
          correlationId: message.correlationId,
          occurredAt: at,
        });
        await logToSignIn(db, message, { provider: provider.name, status: result.status }, "success");
        await db
          .update(outboxMessages)
          .set({ state: "sent", sentAt: at, provider: provider.name, contentEnvelope: null, leaseUntil: null, lastError: null })
          .where(and(eq(outboxMessages.id, message.id), eq(outboxMessages.state, "sending")));
        return "sent";
      } catch (error) {
        const refusal = error instanceof ProviderError ? error : null;
        // A final refusal's message is its reason ("subscription_expired").
        lastError = refusal?.final ? refusal.message : errorSummary(error);
        waitSeconds = Math.max(waitSeconds, refusal?.retryAfterSeconds ?? 0);
        const detail = { error: lastError, ...(refusal?.httpStatus ? { httpStatus: refusal.httpStatus } : {}) };
        await db.insert(deliveryAttempts).values({
          messageId: message.id,
          provider: provider.name,
          status: "failed",
          detail,
          correlationId: message.correlationId,
          occurredAt: at,
        });
        await logToSignIn(db, message, { provider: provider.name, status: "failed", ...detail }, "failure");
        // No other provider and no later try changes a final refusal.
        if (refusal?.final) {
          const failed = await failFinally(db, message, at, refusal);
          if (failed) return "dead";
          lastError = `${refusal.message}; its consumer failed`;
          break;
        }
      }
    }
  }
  const dead = message.attempts >= Math.min(message.maxAttempts, DELIVERY.maxAttempts) || providers.length === 0;
  await db
    .update(outboxMessages)
    .set({
      state: dead ? "dead" : "pending",
      // A dead letter is never sent: its sealed content (a code, a link) goes with it.
      ...(dead ? { contentEnvelope: null } : {}),
      leaseUntil: null,
      lastError,
      nextAttemptAt: addSeconds(at, Math.max(DELIVERY.backoffBaseSeconds ** message.attempts, waitSeconds)),
    })
    .where(eq(outboxMessages.id, message.id));
  if (dead) log("warn", "delivery.dead_letter", { messageId: message.id, channel: message.channel, template: message.template, error: lastError });
  return dead ? "dead" : "retry";
}

/**
 * A message no provider will take (a push subscription gone, a TTL run out): it fails now, with the
 * refusal's reason, and a gone recipient's event goes to its consumer in the same transaction (so
 * the message is not marked failed without its consumer hearing of it). False when the consumer
 * failed: the message is then tried again like any failed send.
 */
async function failFinally(db: Executor, message: Claimed, at: Date, refusal: ProviderError): Promise<boolean> {
  const event = refusal.recipientGone ? goneEvent(message) : null;
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(outboxMessages)
        .set({ state: "dead", contentEnvelope: null, leaseUntil: null, lastError: refusal.message })
        .where(and(eq(outboxMessages.id, message.id), eq(outboxMessages.state, "sending")));
      if (event) await raiseInboundEvent(tx, { messageId: message.id, provider: refusal.provider, at, event });
    });
  } catch (error) {
    log("error", "delivery.inbound_event_failed", { messageId: message.id, channel: message.channel, reason: refusal.message, error: errorSummary(error) });
    return false;
  }
  log("info", "delivery.refused", { messageId: message.id, channel: message.channel, template: message.template, reason: refusal.message });
  return true;
}

/** A sign-in's messages (codes, calls) show every delivery try in that sign-in's events. */
async function logToSignIn(db: Executor, message: Claimed, detail: Record<string, string | number>, result: "success" | "failure"): Promise<void> {
  if (!message.correlationId || message.channel === "email") return;
  await recordSignInEvent(db, {
    correlationId: message.correlationId,
    personId: message.personId,
    step: "delivery",
    method: message.channel,
    result,
    detail: { ...detail, messageId: message.id },
  });
}

/**
 * Delivers one message right away (a sign-in code or call: the person is waiting). The same
 * claim as the worker's, so the two never both send it. Null when another worker has it.
 */
export async function deliverNow(messageId: string): Promise<"sent" | "retry" | "dead" | null> {
  const db = await getDb();
  const at = now();
  const [message] = await claimDue(db, at, messageId);
  return message ? deliverOne(db, message, at) : null;
}

/** One pass of the worker; returns what happened to each claimed message. */
export async function deliverDueMessages(): Promise<{ sent: number; retry: number; dead: number }> {
  const db = await getDb();
  const at = now();
  const counts = { sent: 0, retry: 0, dead: 0 };
  for (const message of await claimDue(db, at)) counts[await deliverOne(db, message, at)]++;
  return counts;
}

const state = globalThis as unknown as { __tweestapWorker?: { timer: NodeJS.Timeout; running: boolean } };

/** Runs the worker every `intervalMs` in this process (scripts/serve.ts starts it). */
export function startDeliveryWorker(intervalMs = 500): () => void {
  if (state.__tweestapWorker) return () => stopDeliveryWorker();
  const worker = { running: false, timer: setInterval(() => void tick(), intervalMs) };
  state.__tweestapWorker = worker;
  async function tick() {
    if (worker.running) return;
    worker.running = true;
    try {
      await deliverDueMessages();
    } catch (error) {
      log("error", "delivery.worker_failed", { error: errorSummary(error) });
    } finally {
      worker.running = false;
    }
  }
  return () => stopDeliveryWorker();
}

export function stopDeliveryWorker(): void {
  if (state.__tweestapWorker) clearInterval(state.__tweestapWorker.timer);
  state.__tweestapWorker = undefined;
}
