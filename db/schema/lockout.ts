import { bigserial, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/** Every second-factor failure, for the rolling 24-hour ceiling and for diagnosis. */
export const factorFailures = pgTable(
  "factor_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    method: text("method").notNull(),
    code: text("code").notNull(),
    correlationId: uuid("correlation_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("factor_failures_person_time_idx").on(t.personId, t.occurredAt)],
);

/** One failure counter per person across all second factors, and the lock it leads to. */
export const factorLockouts = pgTable("factor_lockouts", {
  personId: uuid("person_id")
    .primaryKey()
    .references(() => people.id),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  /** An unlock by the helpdesk (caller verified or identity check approved): the 24-hour count starts after it. */
  dailyClearedAt: timestamp("daily_cleared_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
