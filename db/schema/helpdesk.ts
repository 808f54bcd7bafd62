import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { IDENTITY_CHECKS, type IdentityCheck } from "./values/helpdesk";
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
    /** How the code went: a text, or a call that reads it out. */
    channel: text("channel", { enum: ["sms", "voice"] }).notNull(),
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

/**
 * A temporary access pass (PRODUCT.md): issued by the helpdesk, stored only as a keyed hash, one
 * active per person, valid for the policy's time (1 h by default), one-time; accepted at sign-in
 * only to enrol a new method.
 */
export const accessPasses = pgTable(
  "access_passes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    passHash: text("pass_hash").notNull(),
    issuedBy: uuid("issued_by")
      .notNull()
      .references(() => people.id),
    ticketId: uuid("ticket_id").references(() => tickets.id),
    deliveredVia: text("delivered_via", { enum: ["email", "shown_once"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("access_passes_person_idx").on(t.personId, t.createdAt)],
);

/**
 * Four-eyes for the helpdesk: an action one agent asks for and a second agent approves. Two kinds:
 * - identity_check: the person has no usable method; the requester records how identity was
 *   checked (in person with ID, and why) instead of a caller verification;
 * - privileged: the person is staff or an administrator; a caller verification is needed too.
 * The approver's role is at least the person's; requester, approver and person all differ; the
 * request expires after 30 minutes; an approval is used once, by the requester, for that action.
 */
export { IDENTITY_CHECKS, type IdentityCheck };

export const resetApprovals = pgTable(
  "reset_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => people.id),
    action: text("action").notNull(),
    kind: text("kind", { enum: ["identity_check", "privileged"] }).notNull(),
    identityCheck: text("identity_check", { enum: IDENTITY_CHECKS }),
    /** For a manager's confirmation: the manager on record when it was asked, and their answer. */
    /** The agent recorded that the person's phone is lost or compromised (then only an in-person ID check). */
    phoneLost: boolean("phone_lost").notNull().default(false),
    managerId: uuid("manager_id").references(() => people.id),
    managerDecision: text("manager_decision", { enum: ["confirmed", "declined"] }),
    managerDecidedAt: timestamp("manager_decided_at", { withTimezone: true }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    approvedBy: uuid("approved_by").references(() => people.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("reset_approvals_ticket_idx").on(t.ticketId, t.createdAt)],
);
