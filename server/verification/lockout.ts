import { and, count, desc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { factorFailures, factorLockouts, signInAttempts } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { addSeconds } from "../core/clock";
import { noticeToPerson } from "../delivery/enqueue";
import { clockTime } from "../i18n/translate";
import { moveAttempts } from "./attempt-states";

/**
 * Second-factor lockout (PRODUCT.md): one failure counter per person across every second factor.
 * 10 failures in a row lock 15 minutes, for every browser; at most 100 failures in any rolling
 * 24 hours, whatever unlocks happened, until the helpdesk unlocks after verifying the caller (or an
 * approved identity check): that unlock also starts the 24-hour count afresh. A new attempt, a new
 * code or a resend never resets the count; only a successful second factor clears the run of 10.
 * A lock ends the person's pending sign-ins and leaves a notice.
 *
 * Counting holds under concurrency (several instances, a Postgres pool): a code is only checked
 * after `beginFactorTry` took a place in the run with one atomic increment, and the decision is
 * made on the count that increment returned. So 30 wrong codes at once count 10, lock, and the
 * other 20 are refused unchecked.
 */
export const LOCKOUT = {
  failuresBeforeLock: 10,
  lockSeconds: 15 * 60,
  dailyMaximum: 100,
  dailyWindowSeconds: 24 * 60 * 60,
} as const;

export type LockState = { locked: false } | { locked: true; until: Date; reason: "consecutive" | "daily" };
export type Locked = Extract<LockState, { locked: true }>;

/** Where the 24-hour count starts: a day ago, or the helpdesk's last unlock if that is later. */
async function dailyWindowStart(db: Executor, personId: string, at: Date): Promise<Date> {
  const since = addSeconds(at, -LOCKOUT.dailyWindowSeconds);
  const [row] = await db.select({ clearedAt: factorLockouts.dailyClearedAt }).from(factorLockouts).where(eq(factorLockouts.personId, personId));
  return row?.clearedAt && row.clearedAt > since ? row.clearedAt : since;
}

async function dailyLockUntil(db: Executor, personId: string, at: Date): Promise<Date | null> {
  const since = await dailyWindowStart(db, personId, at);
  const [row] = await db
    .select({ occurredAt: factorFailures.occurredAt })
    .from(factorFailures)
    .where(and(eq(factorFailures.personId, personId), gt(factorFailures.occurredAt, since)))
    .orderBy(desc(factorFailures.occurredAt))
    .offset(LOCKOUT.dailyMaximum - 1)
    .limit(1);
  // The 100th most recent failure inside the window: the lock lasts until it leaves the window.
  return row ? addSeconds(row.occurredAt, LOCKOUT.dailyWindowSeconds) : null;
}

export async function lockState(db: Executor, personId: string, at: Date): Promise<LockState> {
  const [row] = await db.select().from(factorLockouts).where(eq(factorLockouts.personId, personId));
  const daily = await dailyLockUntil(db, personId, at);
  const consecutive = row?.lockedUntil && row.lockedUntil > at ? row.lockedUntil : null;
  if (consecutive && (!daily || consecutive >= daily)) return { locked: true, until: consecutive, reason: "consecutive" };
  if (daily) return { locked: true, until: daily, reason: "daily" };
  return { locked: false };
}

/** A place in the run of failures, taken before a code is checked (see beginFactorTry). */
export type FactorTry = { ok: true; run: number } | { ok: false; lock: Locked };

/**
 * Before checking a code: refused while locked (the 24-hour ceiling, or the lock of 10 in a row);
 * otherwise one atomic upsert counts this try in the run (not while a lock holds) and returns the
 * count. A try beyond the 10th is refused unchecked, as locked: ten others are already being
 * checked. After the check: `recordFactorFailure` with the run (a failure), `clearFailureRun`
 * (a success), or `releaseFactorTry` (a try that does not count).
 */
export async function beginFactorTry(db: Executor, personId: string, at: Date): Promise<FactorTry> {
  const daily = await dailyLockUntil(db, personId, at);
  if (daily) return { ok: false, lock: { locked: true, until: daily, reason: "daily" } };
  const stamp = sql`${at.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(factorLockouts)
    .values({ personId, consecutiveFailures: 1, updatedAt: at })
    .onConflictDoUpdate({
      target: factorLockouts.personId,
      set: {
        consecutiveFailures: sql`case when ${factorLockouts.lockedUntil} > ${stamp} then ${factorLockouts.consecutiveFailures} else ${factorLockouts.consecutiveFailures} + 1 end`,
        updatedAt: at,
      },
    })
    .returning({ run: factorLockouts.consecutiveFailures, lockedUntil: factorLockouts.lockedUntil });
  if (row!.lockedUntil && row!.lockedUntil > at) return { ok: false, lock: { locked: true, until: row!.lockedUntil, reason: "consecutive" } };
  if (row!.run > LOCKOUT.failuresBeforeLock) {
    await releaseFactorTry(db, personId, at);
    return { ok: false, lock: { locked: true, until: addSeconds(at, LOCKOUT.lockSeconds), reason: "consecutive" } };
  }
  return { ok: true, run: row!.run };
}

/** Gives back a place taken by beginFactorTry for a try that neither failed nor succeeded. */
export async function releaseFactorTry(db: Executor, personId: string, at: Date): Promise<void> {
  await db
    .update(factorLockouts)
    .set({ consecutiveFailures: sql`greatest(${factorLockouts.consecutiveFailures} - 1, 0)`, updatedAt: at })
    .where(eq(factorLockouts.personId, personId));
}

/**
 * Counts one failure. `run` is the place beginFactorTry returned for this try; without it (a call
 * that failed, counted after the fact) the run is incremented here. Returns the lock state after
 * it: the failure that locks the account (decided on the returned counts, once) ends the person's
 * pending attempts and writes the notice.
 */
export async function recordFactorFailure(
  db: Executor,
  input: { personId: string; method: string; code: string; correlationId: string | null; clientIp: string | null; at: Date; run?: number },
): Promise<LockState> {
  const { personId, at } = input;
  const [failure] = await db
    .insert(factorFailures)
    .values({ personId, method: input.method, code: input.code, correlationId: input.correlationId, occurredAt: at })
    .returning({ id: factorFailures.id });
  let run = input.run;
  if (run === undefined) {
    const [row] = await db
      .insert(factorLockouts)
      .values({ personId, consecutiveFailures: 1, updatedAt: at })
      .onConflictDoUpdate({ target: factorLockouts.personId, set: { consecutiveFailures: sql`${factorLockouts.consecutiveFailures} + 1`, updatedAt: at } })
      .returning({ run: factorLockouts.consecutiveFailures });
    run = row!.run;
  }

  let lockedNow: { until: Date; reason: "consecutive" | "daily" } | null = null;
  if (run >= LOCKOUT.failuresBeforeLock) {
    const until = addSeconds(at, LOCKOUT.lockSeconds);
    // Only one failure sets the lock (and so sends the notice).
    const [locked] = await db
      .update(factorLockouts)
      .set({ consecutiveFailures: 0, lockedUntil: until, updatedAt: at })
      .where(and(eq(factorLockouts.personId, personId), or(isNull(factorLockouts.lockedUntil), lte(factorLockouts.lockedUntil, at))))
      .returning({ personId: factorLockouts.personId });
    if (locked) lockedNow = { until, reason: "consecutive" };
  }
  // This failure's place in the 24-hour count (failures up to and including it): exactly one is the 100th.
  const [daily] = await db
    .select({ n: count() })
    .from(factorFailures)
    .where(and(eq(factorFailures.personId, personId), gt(factorFailures.occurredAt, await dailyWindowStart(db, personId, at)), lte(factorFailures.id, failure!.id)));
  if ((daily?.n ?? 0) === LOCKOUT.dailyMaximum) lockedNow = { until: (await dailyLockUntil(db, personId, at))!, reason: "daily" };

  if (lockedNow) {
    await moveAttempts(db, eq(signInAttempts.personId, personId), ["factor_pending", "pass_required", "registration_required", "completed"], "expired");
    await recordAudit(db, {
      action: "lockout.locked",
      actorKind: "system",
      targetPersonId: personId,
      correlationId: input.correlationId,
      clientIp: input.clientIp,
      reason: lockedNow.reason,
      detail: { until: lockedNow.until.toISOString(), noticeTo: "person" },
    });
    await noticeToPerson(db, { personId, template: "lockout_locked", params: { time: clockTime(lockedNow.until) }, correlationId: input.correlationId });
  }
  return lockState(db, personId, at);
}

/** A successful second factor ends the run of failures (the 24-hour count stays). */
export async function clearFailureRun(db: Executor, personId: string, at: Date): Promise<void> {
  await db.update(factorLockouts).set({ consecutiveFailures: 0, updatedAt: at }).where(eq(factorLockouts.personId, personId));
}

/**
 * The helpdesk's unlock, after caller verification or an approved identity check: ends the lock of
 * 10 in a row and starts the 24-hour count afresh (failures before now no longer count). The
 * caller audits it. Returns whether a lock was lifted.
 */
export async function liftLock(db: Executor, personId: string, at: Date): Promise<{ wasLocked: LockState }> {
  const wasLocked = await lockState(db, personId, at);
  await db
    .insert(factorLockouts)
    .values({ personId, consecutiveFailures: 0, lockedUntil: null, dailyClearedAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: factorLockouts.personId, set: { consecutiveFailures: 0, lockedUntil: null, dailyClearedAt: at, updatedAt: at } });
  return { wasLocked };
}
