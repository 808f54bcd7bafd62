import { deliverDueMessages } from "../server/delivery/worker";

/**
 * Runs the outbox worker until nothing due is left. Tests share a database per worker, so other
 * tests' notices may wait in the outbox too, and one run takes at most a batch (20).
 */
export async function drainOutbox(): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const done = await deliverDueMessages();
    if (done.sent + done.retry + done.dead === 0) return;
  }
  throw new Error("the outbox did not drain in 100 rounds");
}
