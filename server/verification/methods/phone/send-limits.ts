import type { Executor } from "@/db/client";
import { hitBucket, refundBucket } from "../../../rate-limit/buckets";

/**
 * Caps on sending codes by text or call (cost and abuse): 5 sends per 5 minutes per person, plus
 * per number, per country and global daily caps. Over a cap nothing is sent and no provider is
 * called. A send never resets the second-factor failure count.
 */
export const SEND_LIMITS = {
  perPerson: { max: 5, windowSeconds: 5 * 60 },
  perNumber: { max: 10, windowSeconds: 24 * 60 * 60 },
  perCountry: { max: 2000, windowSeconds: 24 * 60 * 60 },
  global: { max: 20000, windowSeconds: 24 * 60 * 60 },
} as const;

/** Reserves one send, or returns how long to wait (seconds) before the next is allowed. */
export async function reserveSend(
  db: Executor,
  input: { personId: string; e164: string; country: string | null; at: Date },
): Promise<{ retryAfterSeconds: number } | null> {
  const buckets = [
    { key: `send:person:${input.personId}`, ...SEND_LIMITS.perPerson },
    { key: `send:number:${input.e164}`, ...SEND_LIMITS.perNumber },
    { key: `send:country:${input.country ?? "unknown"}`, ...SEND_LIMITS.perCountry },
    { key: "send:global", ...SEND_LIMITS.global },
  ];
  const taken: string[] = [];
  for (const bucket of buckets) {
    const state = await hitBucket(db, bucket.key, bucket.windowSeconds, input.at);
    taken.push(bucket.key);
    if (state.count > bucket.max) {
      // Give back what this refused send took from the other buckets.
      for (const key of taken) await refundBucket(db, key);
      return { retryAfterSeconds: Math.max(1, Math.ceil((state.windowEndsAt.getTime() - input.at.getTime()) / 1000)) };
    }
  }
  return null;
}
