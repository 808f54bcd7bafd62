import { and, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { factorFailures, factorLockouts, signInAttempts } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { addSeconds } from "../clock";
import { noticeToPerson } from "../delivery/enqueue";

/**
 * Second-factor lockout (PRODUCT.md): one failure counter per person across every second factor.
 * 10 failures in a row lock 15 minutes, for every browser; at most 100 failures in any rolling
 * 24 hours, whatever unlocks happened. A new attempt, a new code or a resend never resets the count;
 * only a successful second factor clears the run of 10. A lock ends the person's pending sign-ins
 * and leaves a notice (an audit row until the mail outbox exists).
 */
export const LOCKOUT = {
  failuresBeforeLock: 10,
  lockSeconds: 15 * 60,
  dailyMaximum: 100,
  dailyWindowSeconds: 24 * 60 * 60,
} as const;

export type LockState = { locked: false } | { locked: true; until: Date; reason: "consecutive" | "daily" };

async function dailyLockUntil(db: Executor, personId: string, at: Date): Promise<Date | null> {
  const since = addSeconds(at, -LOCKOUT.dailyWindowSeconds);
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

/**
 * Counts one failure. Returns the lock state after it: when this failure locks the account, the
 * person's pending attempts end and the notice is written.
 */
export async function recordFactorFailure(
  db: Executor,
  input: { personId: string; method: string; code: string; correlationId: string | null; clientIp: string | null; at: Date },
): Promise<LockState> {
  const { personId, at } = input;
  // A code of the wrong form (wrong length, letters) is a typing slip, not a guess: never counted.
  if (input.code === "MFA_CODE_MALFORMED") return lockState(db, personId, at);
  await db.insert(factorFailures).values({ personId, method: input.method, code: input.code, correlationId: input.correlationId, occurredAt: at });
  const [row] = await db
    .insert(factorLockouts)
    .values({ personId, consecutiveFailures: 1, updatedAt: at })
    .onConflictDoUpdate({
      target: factorLockouts.personId,
      set: { consecutiveFailures: sql`${factorLockouts.consecutiveFailures} + 1`, updatedAt: at },
    })
    .returning({ consecutiveFailures: factorLockouts.consecutiveFailures });

  let lockedNow: { until: Date; reason: "consecutive" | "daily" } | null = null;
  if (row!.consecutiveFailures >= LOCKOUT.failuresBeforeLock) {
    const until = addSeconds(at, LOCKOUT.lockSeconds);
    await db.update(factorLockouts).set({ consecutiveFailures: 0, lockedUntil: until, updatedAt: at }).where(eq(factorLockouts.personId, personId));
    lockedNow = { until, reason: "consecutive" };
  }
  const [daily] = await db
    .select({ n: count() })
    .from(factorFailures)
    .where(and(eq(factorFailures.personId, personId), gt(factorFailures.occurredAt, addSeconds(at, -LOCKOUT.dailyWindowSeconds))));
  if ((daily?.n ?? 0) === LOCKOUT.dailyMaximum) lockedNow = { until: (await dailyLockUntil(db, personId, at))!, reason: "daily" };

  if (lockedNow) {
    await db
      .update(signInAttempts)
      .set({ state: "expired" })
      .where(and(eq(signInAttempts.personId, personId), inArray(signInAttempts.state, ["factor_pending", "pass_required", "registration_required", "completed"])));
    await recordAudit(db, {
      action: "lockout.locked",
      actorKind: "system",
      targetPersonId: personId,
      correlationId: input.correlationId,
      clientIp: input.clientIp,
      reason: lockedNow.reason,
      detail: { until: lockedNow.until.toISOString(), noticeTo: "person" },
    });
    const time = new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Amsterdam" }).format(lockedNow.until);
    await noticeToPerson(db, { personId, template: "lockout_locked", params: { time }, correlationId: input.correlationId });
  }
  return lockState(db, personId, at);
}

/** A successful second factor ends the run of failures (the 24-hour count stays). */
export async function clearFailureRun(db: Executor, personId: string, at: Date): Promise<void> {
  await db.update(factorLockouts).set({ consecutiveFailures: 0, updatedAt: at }).where(eq(factorLockouts.personId, personId));
}
