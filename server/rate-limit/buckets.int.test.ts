import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";
import { randomUUID } from "node:crypto";
import { hitBucket, readBucket, sweepExpiredBuckets } from "./buckets";

describe("rate-limit buckets", () => {
  it("housekeeping deletes buckets whose window ended over an hour ago and keeps every open or recent one", async () => {
    const db = await getDb();
    const tag = randomUUID();
    const at = new Date("2026-12-01T12:00:00Z");
    const hoursAgo = (h: number) => new Date(at.getTime() - h * 3_600_000);
    await hitBucket(db, `${tag}:old`, 60, hoursAgo(3)); // window ended about 3 h ago
    await hitBucket(db, `${tag}:recent`, 60, new Date(at.getTime() - 30 * 60_000)); // ended 29 min ago: within the grace
    await hitBucket(db, `${tag}:open`, 86_400, hoursAgo(5)); // a day's window, still open
    await sweepExpiredBuckets(db, at);
    const left = (await db.select({ key: rateLimitBuckets.key }).from(rateLimitBuckets)).map((r) => r.key).filter((k) => k.startsWith(tag));
    expect(left.sort()).toEqual([`${tag}:open`, `${tag}:recent`]);
    // Nothing was decided by the swept row: a new hit opens a fresh window, as it would have.
    expect((await hitBucket(db, `${tag}:old`, 60, at)).count).toBe(1);
    expect((await readBucket(db, `${tag}:open`, at))?.count).toBe(1);
    await db.delete(rateLimitBuckets).where(eq(rateLimitBuckets.key, `${tag}:old`));
  });
});
