import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";
import { signInAttempts } from "./sign-in";

/**
 * The assurance a session reached (its `acr`), a small set of our own:
 * - "pwd": the password alone (no second factor was verified);
 * - "mfa": the password and a second factor (RFC 8176 "mfa": more than one factor).
 */
export const ACR_VALUES = ["pwd", "mfa"] as const;
export type Acr = (typeof ACR_VALUES)[number];

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
    /**
     * The facts of how the person authenticated: RFC 8176 `amr` values ("pwd", "sms", "tel", "otp",
     * "swk", "mfa"), the assurance reached (`acr`) and when they signed in (`auth_time`). Empty and
     * null for sessions from before these were recorded; a step-up adds its factor (noteFactorOnSession).
     */
    amr: text("amr").array().notNull().default(sql`'{}'::text[]`),
    acr: text("acr", { enum: ACR_VALUES }),
    authTime: timestamp("auth_time", { withTimezone: true }),
    /** When the last second factor was completed in this session (fresh-factor checks). */
    factorVerifiedAt: timestamp("factor_verified_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokeReason: text("revoke_reason"),
  },
  (t) => [index("sessions_person_idx").on(t.personId)],
);
