import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { mfaMethods } from "./methods";
import { people } from "./people";

/**
 * The authenticator app's push part (issue 12): one device per push method. Only the device's
 * public key is registered (ECDSA P-256, as a JWK); the private key never leaves the device
 * (WebCrypto, not extractable). "It wasn't me" suspends it; the linked code method is the
 * authenticator codes the same activation set up on that device (retired with it).
 */
export const pushDevices = pgTable("push_devices", {
  methodId: uuid("method_id")
    .primaryKey()
    .references(() => mfaMethods.id),
  personId: uuid("person_id")
    .notNull()
    .references(() => people.id),
  /** The public key as a JSON Web Key ({kty: "EC", crv: "P-256", x, y}). */
  publicKeyJwk: text("public_key_jwk").notNull(),
  deviceName: text("device_name").notNull(),
  activatedAt: timestamp("activated_at", { withTimezone: true }).notNull(),
  suspendedAt: timestamp("suspended_at", { withTimezone: true }),
  suspendedReason: text("suspended_reason", { enum: ["reported"] }),
  /** A Web Push subscription (endpoint and keys), when the device gave one; null: Server-Sent Events only. */
  pushSubscription: jsonb("push_subscription").$type<Record<string, unknown>>(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  /** The authenticator-code method this activation set up on the same device. */
  linkedTotpMethodId: uuid("linked_totp_method_id").references(() => mfaMethods.id),
});

/**
 * An activation of the authenticator on a device ("add an account"): a pending push method, a
 * one-time code (keyed hash only) that works 10 minutes and for 5 tries. `id` is the public
 * activation ID the activation URL carries.
 */
export const pushActivations = pgTable(
  "push_activations",
  {
    id: text("id").primaryKey(),
    methodId: uuid("method_id")
      .notNull()
      .references(() => mfaMethods.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    tries: integer("tries").notNull().default(0),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("push_activations_method_idx").on(t.methodId)],
);

export const PUSH_CHALLENGE_STATUSES = ["pending", "approved", "denied", "reported", "wrong_number"] as const;
export type PushChallengeStatus = (typeof PUSH_CHALLENGE_STATUSES)[number];

/** What a push request shows on the device (never the number). */
export interface PushContext {
  organisation: string;
  app: string;
  browser: string | null;
  ip: string | null;
  at: string;
}

/**
 * A push request ("approve the sign-in"): bound to a device, an owner (the sign-in attempt) and a
 * purpose; the number the sign-in page shows is stored only as a keyed hash. Answered once, by a
 * conditional update on `status = 'pending'`; an approval is consumed once (`consumed_at`).
 */
export const pushChallenges = pgTable(
  "push_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    methodId: uuid("method_id")
      .notNull()
      .references(() => mfaMethods.id),
    /** The sign-in attempt (or, later, the session) the request belongs to. */
    ownerId: uuid("owner_id").notNull(),
    purpose: text("purpose", { enum: ["sign_in", "step_up"] }).notNull(),
    /** The keyed hash of the number the sign-in page shows (number matching). */
    numberHash: text("number_hash").notNull(),
    numberDigits: integer("number_digits").notNull(),
    /** Echoed in the device's signed answer: binds the answer to this very request. */
    nonce: text("nonce").notNull(),
    context: jsonb("context").$type<PushContext>().notNull(),
    status: text("status", { enum: PUSH_CHALLENGE_STATUSES }).notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    shownAt: timestamp("shown_at", { withTimezone: true }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    /** When this request's failure (a wrong number, no answer in time) was counted toward the lockout (once). */
    countedAt: timestamp("counted_at", { withTimezone: true }),
  },
  (t) => [
    index("push_challenges_owner_idx").on(t.ownerId, t.createdAt),
    index("push_challenges_person_idx").on(t.personId, t.createdAt),
    index("push_challenges_method_idx").on(t.methodId, t.status),
  ],
);
