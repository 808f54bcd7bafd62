import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";
import { sessions } from "./sessions";
import { signInAttempts } from "./sign-in";

export const METHOD_KINDS = ["totp"] as const;
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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    registrationAttemptId: uuid("registration_attempt_id").references(() => signInAttempts.id),
    registrationSessionId: uuid("registration_session_id").references(() => sessions.id),
  },
  (t) => [index("mfa_methods_person_idx").on(t.personId)],
);

/** The secret of an authenticator-app (or hardware OATH) method, sealed with the secret box. */
export const totpCredentials = pgTable("totp_credentials", {
  methodId: uuid("method_id")
    .primaryKey()
    .references(() => mfaMethods.id),
  /** Secret-box envelope; associated data = person ID + method ID. */
  secretEnvelope: text("secret_envelope").notNull(),
  algorithm: text("algorithm", { enum: ["sha1", "sha256", "sha512"] }).notNull().default("sha1"),
  digits: integer("digits").notNull().default(6),
  period: integer("period").notNull().default(30),
  /** The last time step that was accepted; never accepted again (RFC 6238 §5.2). */
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
});
