import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";
import { tickets } from "./tickets";

/**
 * The helpdesk checking that a caller owns the account: a purpose-bound code sent to a method the
 * person already has, read back to the agent. Verified, it is valid 10 minutes for one reset, bound
 * to this agent, this person and this ticket.
 */
export const callerVerifications = pgTable(
  "caller_verifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => people.id),
    methodId: uuid("method_id").notNull(),
    channel: text("channel", { enum: ["sms"] }).notNull(),
    failures: integer("failures").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    /** Verified + 10 minutes: after this the verification is worth nothing. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedFor: text("used_for"),
  },
  (t) => [index("caller_verifications_ticket_idx").on(t.ticketId, t.createdAt)],
);
