import { getDb } from "@/db/client";
import { now } from "./core/clock";
import { errorSummary, log } from "./core/log";
import { sweepExpiredBuckets } from "./rate-limit/buckets";

const state = globalThis as unknown as { __tweestapHousekeeping?: NodeJS.Timeout };

/** One pass: rate-limit buckets whose window is long over are deleted. Safe on every instance at once. */
export async function runHousekeeping(): Promise<{ bucketsSwept: number }> {
  const bucketsSwept = await sweepExpiredBuckets(await getDb(), now());
  if (bucketsSwept > 0) log("info", "housekeeping.buckets_swept", { count: bucketsSwept });
  return { bucketsSwept };
}

/** Runs housekeeping every `intervalMs` in this process (scripts/serve.ts starts it). */
export function startHousekeeping(intervalMs = 10 * 60_000): void {
  if (state.__tweestapHousekeeping) return;
  state.__tweestapHousekeeping = setInterval(() => {
    runHousekeeping().catch((error: unknown) => log("error", "housekeeping.failed", { error: errorSummary(error) }));
  }, intervalMs);
  state.__tweestapHousekeeping.unref();
}

export function stopHousekeeping(): void {
  if (state.__tweestapHousekeeping) clearInterval(state.__tweestapHousekeeping);
  state.__tweestapHousekeeping = undefined;
}
