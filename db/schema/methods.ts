import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";
import { sessions } from "./sessions";
import { signInAttempts } from "./sign-in";

export const METHOD_KINDS = ["totp", "phone", "recovery_code", "push"] as const;
export type MethodKind = (typeof METHOD_KINDS)[number];

/**
 * A registered second-factor method. Unconfirmed rows are registrations in progress (bound to the
 * sign-in attempt or session that started them); removed ones keep `removed_at` for history.
 */
export const mfaMethods = pgTable(
  "mfa_methods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    kind: text("kind", { enum: METHOD_KINDS }).notNull(),
    label: text("label").notNull(),
    /** The person's own name for it ("work phone"), shown before the label; null when unnamed. */
    nickname: text("nickname"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    registrationAttemptId: uuid("registration_attempt_id").references(() => signInAttempts.id),
    registrationSessionId: uuid("registration_session_id").references(() => sessions.id),
    /** Set when a temporary access pass let the person enrol it: for 24 h it cannot remove older methods. */
    enrolledWithPassAt: timestamp("enrolled_with_pass_at", { withTimezone: true }),
  },
  (t) => [index("mfa_methods_person_idx").on(t.personId)],
);

export const PHONE_ROLES = ["mobile", "alternate", "office"] as const;
export type PhoneRole = (typeof PHONE_ROLES)[number];

/**
 * A phone method's number (E.164). Mobile phones get texts or calls, alternate and office phones
 * calls. A number is used only once verified by a code sent to it; "0#" on a call suspends it.
 */
export const phoneNumbers = pgTable("phone_numbers", {
  methodId: uuid("method_id")
    .primaryKey()
    .references(() => mfaMethods.id),
  e164: text("e164").notNull(),
  country: text("country"),
  role: text("role", { enum: PHONE_ROLES }).notNull(),
  extension: text("extension"),
  verifiedAt: timestamp("verified_at", { withTimezone: true }),
  suspendedAt: timestamp("suspended_at", { withTimezone: true }),
});

/**
 * One-time codes sent by text or call: stored only as a keyed hash, bound to a purpose, valid for a
 * short time; a new code supersedes the older ones of the same purpose (only the newest works).
 */
export const oneTimeCodes = pgTable(
  "one_time_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    methodId: uuid("method_id")
      .notNull()
      .references(() => mfaMethods.id),
    purpose: text("purpose", { enum: ["sign_in", "step_up", "verify_number", "helpdesk_verification"] }).notNull(),
    channel: text("channel", { enum: ["sms", "voice"] }).notNull(),
    /** The sign-in attempt (sign_in) or session (step_up, verify_number) the code belongs to. */
    ownerId: uuid("owner_id").notNull(),
    codeHash: text("code_hash").notNull(),
    messageId: uuid("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [index("one_time_codes_owner_idx").on(t.ownerId, t.purpose, t.createdAt)],
);

export const CALL_STATES = ["ringing", "answered", "confirmed", "declined", "fraud_reported", "no_answer", "no_keypress", "wrong_number"] as const;
export type CallState = (typeof CALL_STATES)[number];

/**
 * A verification call ("answer, type the number shown on the sign-in page, then #"). Its state
 * moves by the phone's (or provider's) callbacks; the sign-in page (or "confirm it's you", for a
 * step-up call) polls it, so a callback may land on any instance.
 */
export const voiceCalls = pgTable(
  "voice_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    methodId: uuid("method_id")
      .notNull()
      .references(() => mfaMethods.id),
    /** The sign-in attempt (a sign-in call) or session (a step-up call) the call is for. */
    ownerId: uuid("owner_id").notNull(),
    messageId: uuid("message_id").notNull(),
    e164: text("e164").notNull(),
    state: text("state", { enum: CALL_STATES }).notNull().default("ringing"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** The keyed hash of the number the sign-in page shows (number matching); never in the call's text. */
    matchHash: text("match_hash"),
    /** When this call's failure was counted toward the lockout (once). */
    countedAt: timestamp("counted_at", { withTimezone: true }),
    /** When this confirmed call was used to prove a step (once): a confirmed call never proves a second one. */
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("voice_calls_owner_idx").on(t.ownerId, t.createdAt), index("voice_calls_message_idx").on(t.messageId)],
);

/** The secret of an authenticator-app (or hardware OATH) method, sealed with the secret box. */
export const totpCredentials = pgTable("totp_credentials", {
  methodId: uuid("method_id")
    .primaryKey()
    .references(() => mfaMethods.id),
  /** Secret-box envelope; associated data = person ID + method ID. */
  secretEnvelope: text("secret_envelope").notNull(),
  algorithm: text("algorithm", { enum: ["sha1", "sha256", "sha512"] })
    .notNull()
    .default("sha1"),
  digits: integer("digits").notNull().default(6),
  period: integer("period").notNull().default(30),
  /** The last time step that was accepted; never accepted again (RFC 6238 §5.2). */
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
});
