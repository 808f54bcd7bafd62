import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { wizardRuns, wizardRunSteps, type ErrorDetailsFieldsRow } from "@/db/schema";
import { addSeconds, now } from "../core/clock";
import { keyedHash } from "../crypto/keyed-hash";
import { randomToken } from "../crypto/random";
import { AppError } from "../core/errors";
import type { WizardId } from "./wizard-ids";
import { WIZARDS, wizardStep } from "./wizards";

/** A run can be resumed by its link for 30 days. */
export const WIZARD_RUN_TTL_SECONDS = 30 * 24 * 60 * 60;
const TOKEN_DOMAIN = "wizard-run";
/** The pseudo-step a run is on once it asks for a ticket. */
export const TICKET_STEP = "ticket";

export type WizardRun = typeof wizardRuns.$inferSelect;

/**
 * Starts a run at the wizard's entry step (state-aware: signed in or not) and logs it. The token
 * is the private link; only its keyed hash is stored. A run started signed in belongs to that person.
 */
export async function startWizardRun(input: {
  wizard: WizardId;
  prefill: ErrorDetailsFieldsRow;
  locale: "nl" | "en";
  personId: string | null;
}): Promise<{ token: string; run: WizardRun }> {
  const db = await getDb();
  const at = now();
  const token = randomToken(24);
  const wizard = WIZARDS[input.wizard];
  const step = wizard.entry({ signedIn: input.personId !== null });
  const run = await db.transaction(async (tx) => {
    const [run] = await tx
      .insert(wizardRuns)
      .values({
        tokenHash: keyedHash(TOKEN_DOMAIN, token),
        wizard: input.wizard,
        personId: input.personId,
        locale: input.locale,
        step,
        answers: {},
        prefill: input.prefill,
        createdAt: at,
        updatedAt: at,
        expiresAt: addSeconds(at, WIZARD_RUN_TTL_SECONDS),
      })
      .returning();
    await tx.insert(wizardRunSteps).values({ runId: run!.id, step: "start", answer: input.wizard, occurredAt: at });
    return run!;
  });
  return { token, run };
}

/** The run behind a link. Unknown, expired or someone else's: NOT_FOUND, all alike. */
async function findRun(db: Executor, token: string, personId: string | null, at: Date): Promise<WizardRun> {
  const [run] = await db
    .select()
    .from(wizardRuns)
    .where(eq(wizardRuns.tokenHash, keyedHash(TOKEN_DOMAIN, token)));
  if (!run || run.expiresAt <= at || (run.personId !== null && run.personId !== personId)) throw new AppError("NOT_FOUND");
  return run;
}

/** The step a run goes on to now that the person is signed in (lost phone: "sign in another way"), if any. */
function signedInStep(run: WizardRun, personId: string | null): string | undefined {
  if (personId === null || run.finishedAt) return undefined;
  return wizardStep(WIZARDS[run.wizard as WizardId], run.step)?.signedIn;
}

/**
 * The run behind a link, to show it (the run page, a GET): reading changes nothing, so opening
 * a link never transfers a run. A run that belongs to a person is theirs alone; an anonymous run
 * shows to whoever holds its link. Signed in on a step that waited for it, the run shows the step
 * it goes on to; the answer to that step (a POST) is what records the move and makes the run the
 * person's. Unknown, expired or someone else's: NOT_FOUND, all alike.
 */
/** The run page's read: the run behind a link, as the person opening it sees it (changes nothing). */
export async function openRun(token: string, personId: string | null): Promise<WizardRun> {
  return runByToken(await getDb(), token, personId);
}

export async function runByToken(db: Executor, token: string, personId: string | null): Promise<WizardRun> {
  const run = await findRun(db, token, personId, now());
  const next = signedInStep(run, personId);
  return next ? { ...run, step: next } : run;
}

/**
 * In the answer's transaction: an anonymous run answered signed in becomes the person's, and a
 * step that waited for the sign-in moves on (logged as "signed_in"). Conditional updates, so two
 * answers at once move it once.
 */
async function claimRun(tx: Executor, run: WizardRun, personId: string | null, at: Date): Promise<WizardRun> {
  let current = run;
  if (run.personId === null && personId !== null) {
    const [bound] = await tx
      .update(wizardRuns)
      .set({ personId, updatedAt: at })
      .where(and(eq(wizardRuns.id, run.id), isNull(wizardRuns.personId)))
      .returning();
    // Someone else answered it signed in first: it is theirs now.
    if (!bound) throw new AppError("NOT_FOUND");
    current = bound;
  }
  const next = signedInStep(current, personId);
  if (!next) return current;
  const [moved] = await tx
    .update(wizardRuns)
    .set({ step: next, updatedAt: at })
    .where(and(eq(wizardRuns.id, run.id), eq(wizardRuns.step, current.step), isNull(wizardRuns.finishedAt)))
    .returning();
  if (!moved) return current;
  await tx.insert(wizardRunSteps).values({ runId: run.id, step: current.step, answer: "signed_in", occurredAt: at });
  return moved;
}

/**
 * Takes one answer (a POST): logged, then the run moves to the next step, ends resolved, or goes
 * to the ticket form. Answered signed in, an anonymous run becomes the person's first (claimRun).
 * An answer for a step the run is no longer on (a second tab, the back button) changes nothing.
 */
export async function answerWizardStep(input: { token: string; step: string; choice: string; personId: string | null }): Promise<WizardRun> {
  const db = await getDb();
  const at = now();
  const found = await findRun(db, input.token, input.personId, at);
  const shownStep = signedInStep(found, input.personId) ?? found.step;
  if (found.finishedAt || shownStep !== input.step) return { ...found, step: shownStep };
  const wizard = WIZARDS[found.wizard as WizardId];
  const step = wizard ? wizardStep(wizard, shownStep) : undefined;
  const choice = step?.choices.find((c) => c.id === input.choice);
  if (!choice) throw new AppError("INPUT_INVALID");
  const next = choice.next;
  return db.transaction(async (tx) => {
    const run = await claimRun(tx, found, input.personId, at);
    if (run.finishedAt || run.step !== input.step) return run;
    await tx.insert(wizardRunSteps).values({ runId: run.id, step: run.step, answer: choice.id, occurredAt: at });
    const change = next === "resolved" ? { outcome: "resolved" as const, finishedAt: at } : next === "ticket" ? { step: TICKET_STEP } : { step: next.step };
    const [updated] = await tx
      .update(wizardRuns)
      .set({ ...change, answers: { ...run.answers, [run.step]: choice.id }, updatedAt: at })
      .where(and(eq(wizardRuns.id, run.id), eq(wizardRuns.step, run.step), isNull(wizardRuns.finishedAt)))
      .returning();
    return updated ?? run;
  });
}

/** Every step of a run in order (attached to its ticket for the helpdesk). */
export async function runSteps(db: Executor, runId: string): Promise<Array<{ step: string; answer: string | null }>> {
  return db.select({ step: wizardRunSteps.step, answer: wizardRunSteps.answer }).from(wizardRunSteps).where(eq(wizardRunSteps.runId, runId)).orderBy(asc(wizardRunSteps.id));
}

/** Ends a run with the ticket it produced (in the ticket's transaction). */
export async function finishRunWithTicket(db: Executor, runId: string, ticketId: string, at: Date): Promise<void> {
  await db.insert(wizardRunSteps).values({ runId, step: TICKET_STEP, answer: "filed", occurredAt: at });
  await db.update(wizardRuns).set({ outcome: "ticket", ticketId, finishedAt: at, updatedAt: at }).where(eq(wizardRuns.id, runId));
}

/** Logs an action taken from a step (lost phone secured, a resend), so the helpdesk sees it. */
export async function logRunAction(db: Executor, runId: string, step: string, action: string): Promise<void> {
  await db.insert(wizardRunSteps).values({ runId, step, answer: `action:${action}`, occurredAt: now() });
}
