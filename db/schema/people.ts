import { type AnyPgColumn, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

export const ROLES = ["person", "agent", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** Normalised (NFKC, trimmed, lower case); unique across the installation. */
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    locale: text("locale", { enum: LOCALES }).notNull().default("nl"),
    role: text("role", { enum: ROLES }).notNull().default("person"),
    /** argon2id PHC string; null until the person sets a password through an enrolment link. */
    passwordHash: text("password_hash"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** The way the person prefers to give the second factor (shown first at sign-in). */
    defaultMethodId: uuid("default_method_id"),
    defaultChannel: text("default_channel", { enum: ["push", "totp", "sms", "voice"] }),
    /** Who confirms this person's identity when they have no usable method (set by administrators). */
    managerId: uuid("manager_id").references((): AnyPgColumn => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("people_username_key").on(t.username), index("people_organisation_idx").on(t.organisationId)],
);

export const enrolmentLinks = pgTable(
  "enrolment_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    /** Keyed hash of the link's token; the token itself exists only in the link. */
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("enrolment_links_token_hash_key").on(t.tokenHash)],
);
