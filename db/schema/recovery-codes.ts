import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { mfaMethods } from "./methods";
import { people } from "./people";

/**
 * Recovery codes: one set of ten per recovery-code method (an mfa_methods row), each single-use.
 * A code is 16 characters ("K7QM-2XDF-9PTA-8RWE"): the first two are its lookup ID, stored as is
 * and unique within the set, so one hash is checked per try; the other fourteen (70 bits) are
 * stored only as a keyed hash. Used codes keep `used_at` (the diagnosis explains a code used twice).
 */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    methodId: uuid("method_id")
      .notNull()
      .references(() => mfaMethods.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    lookup: text("lookup").notNull(),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("recovery_codes_method_lookup_idx").on(t.methodId, t.lookup), index("recovery_codes_person_idx").on(t.personId)],
);
