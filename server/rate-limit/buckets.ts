import { eq, sql } from "drizzle-orm";
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
