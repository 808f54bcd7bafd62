import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

export const ATTEMPT_STATES = ["password_failed", "blocked", "factor_pending", "pass_required", "registration_required", "completed", "consumed", "expired"] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

/**
 * A sign-in attempt: a persisted state machine bound to one browser by an httpOnly cookie, expiring
 * after 10 minutes. Only a `completed` attempt yields a one-time completion token for next-auth.
 */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    correlationId: uuid("correlation_id").notNull(),
    displaySessionId: text("display_session_id").notNull(),
    /** Keyed hash of the attempt cookie's secret. */
    browserBindingHash: text("browser_binding_hash").notNull(),
    personId: uuid("person_id").references(() => people.id),
    /** What was typed as the username (normalised), also for unknown accounts: the helpdesk needs it. */
    loginName: text("login_name").notNull(),
    state: text("state", { enum: ATTEMPT_STATES }).notNull(),
    method: text("method"),
    /** The method the person chose at the second-factor step ("sign in another way"). */
    selectedMethodId: uuid("selected_method_id"),
    selectedChannel: text("selected_channel", { enum: ["push", "totp", "sms", "voice", "recovery_code"] }),
    failures: integer("failures").notNull().default(0),
    /** The temporary access pass this attempt was let through with (only to enrol a new method). */
    accessPassId: uuid("access_pass_id"),
    clientIp: text("client_ip").notNull(),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** When this attempt's second factor was verified (null: password only). */
    factorVerifiedAt: timestamp("factor_verified_at", { withTimezone: true }),
    completionTokenHash: text("completion_token_hash"),
    completionExpiresAt: timestamp("completion_expires_at", { withTimezone: true }),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("sign_in_attempts_correlation_key").on(t.correlationId), index("sign_in_attempts_person_idx").on(t.personId)],
);

export const EVENT_RESULTS = ["success", "failure", "throttled", "info"] as const;
export type EventResult = (typeof EVENT_RESULTS)[number];

/** One row per step of a sign-in (and per session event). Never a password, code or secret. */
export const signInEvents = pgTable(
  "sign_in_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    correlationId: uuid("correlation_id").notNull(),
    displaySessionId: text("display_session_id"),
    attemptId: uuid("attempt_id"),
    personId: uuid("person_id"),
    loginName: text("login_name"),
    step: text("step").notNull(),
    method: text("method"),
    result: text("result", { enum: EVENT_RESULTS }).notNull(),
    code: text("code"),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
    serverInstance: text("server_instance").notNull(),
    detail: jsonb("detail").$type<Record<string, string | number | boolean | null>>(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("sign_in_events_correlation_idx").on(t.correlationId),
    index("sign_in_events_person_idx").on(t.personId, t.occurredAt),
    index("sign_in_events_display_session_idx").on(t.displaySessionId),
    index("sign_in_events_occurred_idx").on(t.occurredAt),
  ],
);
