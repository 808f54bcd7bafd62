import { jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** The organisation's policy; read through server/policy (defaults fill what is not set). */
  policy: jsonb("policy").$type<Record<string, unknown>>().notNull().default({}),
  /** Set when the demo seed created this organisation; production refuses such a database. */
  demoSeededAt: timestamp("demo_seeded_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
