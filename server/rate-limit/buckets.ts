import { eq, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";

export interface BucketState {
  count: number;
  windowEndsAt: Date;
  lastAt: Date;
}

/**
 * Counts one event in `key`'s window. The window opens with the first event and lasts
 * `windowSeconds`; an event after it ends opens a new one. Atomic (one upsert), so it holds
 * under concurrency and across instances.
 */
export async function hitBucket(db: Executor, key: string, windowSeconds: number, at: Date): Promise<BucketState> {
  const ends = new Date(at.getTime() + windowSeconds * 1000);
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, count: 1, windowStartedAt: at, windowEndsAt: ends, lastAt: at })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${rateLimitBuckets.windowEndsAt} <= ${at.toISOString()}::timestamptz then 1 else ${rateLimitBuckets.count} + 1 end`,
        windowStartedAt: sql`case when ${rateLimitBuckets.windowEndsAt} <= ${at.toISOString()}::timestamptz then ${at.toISOString()}::timestamptz else ${rateLimitBuckets.windowStartedAt} end`,
        windowEndsAt: sql`case when ${rateLimitBuckets.windowEndsAt} <= ${at.toISOString()}::timestamptz then ${ends.toISOString()}::timestamptz else ${rateLimitBuckets.windowEndsAt} end`,
        lastAt: at,
      },
    })
    .returning({ count: rateLimitBuckets.count, windowEndsAt: rateLimitBuckets.windowEndsAt, lastAt: rateLimitBuckets.lastAt });
  return row!;
}

/** The bucket's state, or null when it has no open window at `at`. */
export async function readBucket(db: Executor, key: string, at: Date): Promise<BucketState | null> {
  const [row] = await db
    .select({ count: rateLimitBuckets.count, windowEndsAt: rateLimitBuckets.windowEndsAt, lastAt: rateLimitBuckets.lastAt })
    .from(rateLimitBuckets)
    .where(eq(rateLimitBuckets.key, key));
  if (!row || row.windowEndsAt.getTime() <= at.getTime()) return null;
  return row;
}

export async function clearBucket(db: Executor, key: string): Promise<void> {
  await db.delete(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
}

/** Gives one event back (a reserved try that turned out fine). */
export async function refundBucket(db: Executor, key: string): Promise<void> {
  await db
    .update(rateLimitBuckets)
    .set({ count: sql`greatest(${rateLimitBuckets.count} - 1, 0)` })
    .where(eq(rateLimitBuckets.key, key));
}

export interface BackoffRule {
  /** Tries in a window that never wait. */
  freeTries: number;
  windowSeconds: number;
  /** After the free tries, each try waits 2^(n − free) s after the one before, at most this long. */
  maxDelaySeconds: number;
}

/** The wait (seconds) after the `count`th try of a window. */
export function backoffDelaySeconds(rule: BackoffRule, count: number): number {
  if (count < rule.freeTries) return 0;
  return Math.min(2 ** Math.min(count - rule.freeTries, 30), rule.maxDelaySeconds);
}

/**
 * A growing-delay gate: counts one try in `key`'s window only if it may go ahead now (the first
 * `freeTries` of a window at once, then each one 2^(n − free) s after the previous try), in one
 * conditional upsert, so concurrent tries from any instance pass exactly one at a time. A refused
 * try changes nothing; `refundBucket` gives back a passed try that turned out fine.
 */
export async function passBackoffGate(db: Executor, key: string, rule: BackoffRule, at: Date): Promise<{ passed: true } | { passed: false; retryAfterSeconds: number }> {
  const atSql = sql`${at.toISOString()}::timestamptz`;
  const ends = new Date(at.getTime() + rule.windowSeconds * 1000);
  const windowOver = sql`${rateLimitBuckets.windowEndsAt} <= ${atSql}`;
  const delay = sql`least(power(2, least(greatest(${rateLimitBuckets.count} - ${rule.freeTries}, 0), 30)), ${rule.maxDelaySeconds})`;
  const passed = await db
    .insert(rateLimitBuckets)
    .values({ key, count: 1, windowStartedAt: at, windowEndsAt: ends, lastAt: at })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${windowOver} then 1 else ${rateLimitBuckets.count} + 1 end`,
        windowStartedAt: sql`case when ${windowOver} then ${atSql} else ${rateLimitBuckets.windowStartedAt} end`,
        windowEndsAt: sql`case when ${windowOver} then ${ends.toISOString()}::timestamptz else ${rateLimitBuckets.windowEndsAt} end`,
        lastAt: at,
      },
      setWhere: sql`${windowOver} or ${rateLimitBuckets.count} < ${rule.freeTries} or ${rateLimitBuckets.lastAt} + ${delay} * interval '1 second' <= ${atSql}`,
    })
    .returning({ count: rateLimitBuckets.count });
  if (passed.length > 0) return { passed: true };
  const state = await readBucket(db, key, at);
  const allowedAt = state ? state.lastAt.getTime() + backoffDelaySeconds(rule, state.count) * 1000 : at.getTime();
  return { passed: false, retryAfterSeconds: Math.max(1, Math.ceil((allowedAt - at.getTime()) / 1000)) };
}

/**
 * Deletes buckets whose window ended more than `graceSeconds` ago. A bucket past its window counts
 * as absent everywhere (hitBucket opens a new window, readBucket answers null, the backoff gate
 * starts over), so this changes no decision; it only keeps the table from growing with every
 * username, address and proof ever tried. The grace covers clocks that differ between instances.
 */
export async function sweepExpiredBuckets(db: Executor, at: Date, graceSeconds = 3600): Promise<number> {
  const before = new Date(at.getTime() - graceSeconds * 1000);
  const gone = await db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.windowEndsAt, before)).returning({ key: rateLimitBuckets.key });
  return gone.length;
}
