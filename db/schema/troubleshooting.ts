import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

export const WIZARD_OUTCOMES = ["resolved", "ticket"] as const;

/** The five fields people give the helpdesk, as a wizard or ticket form received them. */
export interface ErrorDetailsFieldsRow {
  errorCode?: string;
  correlationId?: string;
  displaySessionId?: string;
  occurredAt?: string;
  pageUrl?: string;
}

/**
 * One person's way through a troubleshooting wizard, resumable by its private link (the token is
 * only in the link; its keyed hash is here). Signed in, the run belongs to the person.
 */
export const wizardRuns = pgTable(
  "wizard_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    wizard: text("wizard").notNull(),
    personId: uuid("person_id").references(() => people.id),
    locale: text("locale", { enum: ["nl", "en"] }).notNull(),
    /** The step the person is on now. */
    step: text("step").notNull(),
    /** Answers by step, in the order given. */
    answers: jsonb("answers").$type<Record<string, string>>().notNull(),
    prefill: jsonb("prefill").$type<ErrorDetailsFieldsRow>().notNull(),
    outcome: text("outcome", { enum: WIZARD_OUTCOMES }),
    ticketId: uuid("ticket_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("wizard_runs_token_hash_key").on(t.tokenHash), index("wizard_runs_person_idx").on(t.personId, t.createdAt)],
);

/** Every step of every run, as it was taken (what the helpdesk reads back). */
export const wizardRunSteps = pgTable(
  "wizard_run_steps",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => wizardRuns.id),
    step: text("step").notNull(),
    answer: text("answer"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("wizard_run_steps_run_idx").on(t.runId, t.id)],
);
