import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigserial, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES, type TicketCategory, type TicketPriority, type TicketStatus } from "./values/tickets";
import { people } from "./people";

export { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES, type TicketCategory, type TicketPriority, type TicketStatus };

/** Postgres full-text words (only written by the database: a generated column). */
const tsvector = customType<{ data: string }>({
  dataType() {
    return "tsvector";
  },
});

/**
 * A support ticket. `number` gives the reference people quote (TS-000123). Text fields were
 * redacted before they were stored; `diagnosis` is the helpdesk view of the sign-in named by the
 * correlation ID, taken when the ticket was filed (events are purged after their retention).
 */
export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: bigserial("number", { mode: "number" }).notNull(),
    /** Who the ticket is about: the signed-in requester, or the account the username names (unverified). */
    personId: uuid("person_id").references(() => people.id),
    submittedBy: text("submitted_by", { enum: ["person", "anonymous"] }).notNull(),
    requesterName: text("requester_name").notNull(),
    requesterUsername: text("requester_username").notNull(),
    contactEmail: text("contact_email"),
    locale: text("locale", { enum: ["nl", "en"] }).notNull(),
    category: text("category", { enum: TICKET_CATEGORIES }).notNull(),
    priority: text("priority", { enum: TICKET_PRIORITIES }).notNull(),
    status: text("status", { enum: TICKET_STATUSES }).notNull(),
    subject: text("subject").notNull(),
    description: text("description").notNull(),
    correlationId: uuid("correlation_id"),
    displaySessionId: text("display_session_id"),
    errorCode: text("error_code"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }),
    /** The timestamp as given, with its zone ("2026-11-22 05:12:33 +01:00"). */
    occurredAtText: text("occurred_at_text"),
    pageUrl: text("page_url"),
    wizardRunId: uuid("wizard_run_id"),
    wizardAnswers: jsonb("wizard_answers").$type<Array<{ step: string; answer: string | null }>>(),
    browser: text("browser"),
    clockOffsetSeconds: integer("clock_offset_seconds"),
    diagnosis: jsonb("diagnosis").$type<Record<string, unknown>>(),
    /** What was taken out of the text before storage (kinds only, never the text). */
    redactions: jsonb("redactions").$type<string[]>().notNull(),
    statusTokenHash: text("status_token_hash").notNull(),
    /** Which status link is current: a fresh link (after a revocation or expiry) counts up. */
    statusLinkVersion: integer("status_link_version").notNull().default(0),
    /** Set when the helpdesk revoked the status link: it then answers like an unknown link. */
    statusLinkRevokedAt: timestamp("status_link_revoked_at", { withTimezone: true }),
    idempotencyKey: text("idempotency_key").notNull(),
    /** Hash of the submitted content: the same key with other content is refused. */
    requestHash: text("request_hash").notNull(),
    clientIp: text("client_ip"),
    assigneeId: uuid("assignee_id").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** When the ticket was closed (null while it is not): its status link expires 90 days later. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Set when staff merged this ticket into another as a duplicate (it is then closed). */
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => tickets.id),
    /** The words of subject and text, kept by the database, for the helpdesk's search (GIN index). */
    searchWords: tsvector("search_words").notNull().generatedAlwaysAs(sql`to_tsvector('simple', "subject" || ' ' || "description")`),
  },
  (t) => [
    uniqueIndex("tickets_number_key").on(t.number),
    uniqueIndex("tickets_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("tickets_status_token_hash_key").on(t.statusTokenHash),
    index("tickets_person_idx").on(t.personId, t.createdAt),
    index("tickets_queue_idx").on(t.status, t.priority, t.createdAt),
    index("tickets_correlation_idx").on(t.correlationId),
    // The queue: oldest first with a keyset on (created_at, number), per view.
    index("tickets_created_idx").on(t.createdAt, t.number),
    index("tickets_assignee_idx").on(t.assigneeId, t.createdAt, t.number),
    index("tickets_priority_idx").on(t.priority, t.createdAt, t.number),
    index("tickets_status_created_idx").on(t.status, t.createdAt, t.number),
    index("tickets_requester_idx").on(t.requesterUsername),
    index("tickets_error_code_idx").on(t.errorCode),
    index("tickets_merged_into_idx").on(t.mergedIntoId),
    index("tickets_words_idx").using("gin", t.searchWords),
  ],
);

/** Replies on a ticket: from the requester, from staff (public or internal), or from the system. */
export const ticketMessages = pgTable(
  "ticket_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    author: text("author", { enum: ["requester", "staff", "system"] }).notNull(),
    authorPersonId: uuid("author_person_id").references(() => people.id),
    visibility: text("visibility", { enum: ["public", "internal"] }).notNull(),
    body: text("body").notNull(),
    redactions: jsonb("redactions").$type<string[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("ticket_messages_ticket_idx").on(t.ticketId, t.createdAt)],
);
