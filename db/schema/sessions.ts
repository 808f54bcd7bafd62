import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";
import { signInAttempts } from "./sign-in";

/**
 * A signed-in session. The next-auth JWT carries only this row's ID; every request checks the row
 * (revoked, idle, too old) through requireSession().
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    /** What people see and read to the helpdesk; never the cookie, token or this row's key. */
    displayId: text("display_id").notNull(),
    attemptId: uuid("attempt_id").references(() => signInAttempts.id),
    correlationId: uuid("correlation_id"),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    /** When the last second factor was completed in this session (fresh-factor checks). */
    factorVerifiedAt: timestamp("factor_verified_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokeReason: text("revoke_reason"),
  },
  (t) => [index("sessions_person_idx").on(t.personId)],
);
