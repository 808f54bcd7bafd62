import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { people, type Locale, type Role } from "./people";

/** The administrator changes that need a second administrator (server/admin/admin-changes.ts). */
export const ADMIN_CHANGE_KINDS = ["create_person", "set_role", "set_manager"] as const;
export type AdminChangeKind = (typeof ADMIN_CHANGE_KINDS)[number];

/** What the change does, as the first administrator asked for it (facts only, never a secret). */
export type AdminChange =
  | { kind: "create_person"; person: { username: string; displayName: string; email: string; locale: Locale; role: Role } }
  | { kind: "set_role"; personId: string; from: Role; to: Role }
  | { kind: "set_manager"; personId: string; from: string | null; to: string | null };

/**
 * Four eyes for administrators: a change one administrator asks for (adding staff, granting or
 * taking away a staff role, recording a manager) and a second, different administrator approves
 * or refuses, with their own fresh second factor, within 30 minutes. Approving applies the change
 * in the same transaction, once: the decision is a compare-and-set on this row.
 */
export const adminApprovals = pgTable(
  "admin_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => people.id),
    kind: text("kind", { enum: ADMIN_CHANGE_KINDS }).notNull(),
    /** The person the change is about (null while a person to be created does not exist yet). */
    targetPersonId: uuid("target_person_id").references(() => people.id),
    change: jsonb("change").$type<AdminChange>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    decision: text("decision", { enum: ["approved", "refused"] }),
    decidedBy: uuid("decided_by").references(() => people.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("admin_approvals_organisation_idx").on(t.organisationId, t.createdAt)],
);
