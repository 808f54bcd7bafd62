import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type AttemptState, signInAttempts } from "@/db/schema";

/**
 * The sign-in attempt's state machine (ARCHITECTURE.md "Sign-in"): the only moves an attempt can
 * make. The password step creates an attempt in its first state (password_failed, blocked,
 * factor_pending, registration_required or completed); every later change goes through
 * `moveAttempt` or `moveAttempts`, which check the move against this table and update only rows
 * still in the state the caller saw, so two racing steps cannot both move one attempt.
 */
export const ATTEMPT_MOVES = {
  password_failed: [],
  blocked: [],
  // The second factor: right (completed), "I have a pass" (pass_required), a lock (expired).
  factor_pending: ["completed", "pass_required", "expired"],
  // The pass was right: register a new method; a lock ends it.
  pass_required: ["registration_required", "expired"],
  // The first method is confirmed (completed); another browser enrolled first (blocked); a lock.
  registration_required: ["completed", "blocked", "expired"],
  // The completion token is exchanged for a session (consumed); a lock ends it before that.
  completed: ["consumed", "expired"],
  consumed: [],
  expired: [],
} as const satisfies Record<AttemptState, readonly AttemptState[]>;

export function mayMove(from: AttemptState, to: AttemptState): boolean {
  return (ATTEMPT_MOVES[from] as readonly AttemptState[]).includes(to);
}

/** A move the table does not have is a programming error, never a user's: it throws. */
export function assertMove(from: AttemptState, to: AttemptState): void {
  if (!mayMove(from, to)) throw new Error(`a sign-in attempt cannot move from ${from} to ${to}`);
}

type AttemptRow = typeof signInAttempts.$inferSelect;
type AttemptChanges = Partial<Omit<typeof signInAttempts.$inferInsert, "id" | "state">>;

/**
 * Moves one attempt from the state the caller saw to `to` (with other columns set in the same
 * update, and optional extra conditions). Returns the row after the move, or null when the attempt
 * was no longer in that state (or the conditions did not hold): someone else moved it first.
 */
export async function moveAttempt(
  db: Executor,
  attempt: { id: string; state: AttemptState },
  to: AttemptState,
  options: { set?: AttemptChanges; where?: SQL } = {},
): Promise<AttemptRow | null> {
  assertMove(attempt.state, to);
  const [moved] = await db
    .update(signInAttempts)
    .set({ ...options.set, state: to })
    .where(and(eq(signInAttempts.id, attempt.id), eq(signInAttempts.state, attempt.state), options.where))
    .returning();
  return moved ?? null;
}

/**
 * Moves every attempt matching `where` that is in one of `from` to `to` (a lock ends a person's
 * pending sign-ins; a first method ends their other registrations). Returns the moved IDs.
 */
export async function moveAttempts(db: Executor, where: SQL | undefined, from: readonly AttemptState[], to: AttemptState): Promise<string[]> {
  for (const state of from) assertMove(state, to);
  const moved = await db
    .update(signInAttempts)
    .set({ state: to })
    .where(and(inArray(signInAttempts.state, [...from]), where))
    .returning({ id: signInAttempts.id });
  return moved.map((m) => m.id);
}
