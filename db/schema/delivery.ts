import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

export const CHANNELS = ["sms", "voice", "email", "push"] as const;
export type Channel = (typeof CHANNELS)[number];
export const OUTBOX_STATES = ["pending", "sending", "sent", "dead"] as const;
/**
 * How a call goes: "keys" asks for keys and reports what the phone did (answered, the keys typed,
 * declined: inbound events for its consumer); "spoken" reads its text out and asks for nothing
 * (a code the helpdesk has read to the caller).
 */
export const CALL_MODES = ["keys", "spoken"] as const;
export type CallMode = (typeof CALL_MODES)[number];

/**
 * The transactional outbox: a message row is written in the same transaction as the change that
 * causes it, and a worker delivers it. The row's ID is the message ID providers deduplicate on.
 * The content is sealed (it may hold a one-time code) and cleared once the message is sent or
 * dead-lettered.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    /** E.164 number, email address, or a push subscription's endpoint URL. */
    recipient: text("recipient").notNull(),
    personId: uuid("person_id").references(() => people.id),
    locale: text("locale", { enum: ["nl", "en"] }).notNull(),
    /** What kind of message (a template name; a push payload's type): never the content itself. */
    template: text("template").notNull(),
    /** Calls only: whether the call asks for keys or only speaks (null for texts and emails). */
    callMode: text("call_mode", { enum: CALL_MODES }),
    /** Secret-box envelope of the rendered content (a push: its keys, payload, TTL); null once sent or dead. */
    contentEnvelope: text("content_envelope"),
    correlationId: uuid("correlation_id"),
    state: text("state", { enum: OUTBOX_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Codes and calls are worth one round only (they expire in minutes); notices retry. */
    maxAttempts: integer("max_attempts").notNull().default(5),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    /** Until when the worker that claimed the message owns it (a crashed worker's claim expires). */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** The provider that accepted the message: only its callbacks may move it. */
    provider: text("provider"),
    lastError: text("last_error"),
  },
  (t) => [index("outbox_due_idx").on(t.state, t.nextAttemptAt), index("outbox_person_idx").on(t.personId, t.createdAt)],
);

/** Every try to hand a message to a provider, and every status a provider reported back. */
export const deliveryAttempts = pgTable(
  "delivery_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => outboxMessages.id),
    provider: text("provider").notNull(),
    status: text("status", { enum: ["accepted", "delivered", "failed", "answered", "key_pressed", "no_answer"] }).notNull(),
    detail: jsonb("detail").$type<Record<string, string | number | boolean | null>>(),
    correlationId: uuid("correlation_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("delivery_attempts_message_idx").on(t.messageId)],
);

/**
 * The simulated phone and mailbox (demo and tests only; refused in production): what a real phone
 * or inbox would have received, shown on /[locale]/phone and /[locale]/mailbox.
 */
export const simulatedInbox = pgTable(
  "simulated_inbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: uuid("message_id").notNull().unique(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    /** Calls only: a call that asks for keys, or one that only speaks its text. */
    callMode: text("call_mode", { enum: CALL_MODES }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("simulated_inbox_recipient_idx").on(t.recipient, t.receivedAt)],
);

/** Signed provider callbacks already accepted: the same callback twice is a replay, refused. */
export const callbackReceipts = pgTable("callback_receipts", {
  signature: text("signature").primaryKey(),
  provider: text("provider").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
});
