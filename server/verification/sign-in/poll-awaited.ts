import { getDb } from "@/db/client";
import { now } from "../../core/clock";
import { AppError } from "../../core/errors";
import type { RequestInfo } from "../../http/request-info";
import { attemptForBrowser, completeAttempt } from "../attempts";
import { lockParams } from "../factor-params";
import { lockState } from "../lockout";
import { channelTraits, methodForChannel } from "../methods/registry";
import { runFactorStep } from "../run-factor-step";
import type { CompletedStep } from "../submit-password";
import { attemptContext, completed } from "./attempt-event";

/**
 * The sign-in page waits for an awaited way (a call, a push) by asking here: still waiting (the
 * method names its state: a call "ringing" or "answered"), approved (the attempt completes), or how
 * it failed (counted toward the lockout once, by runFactorStep or as the answer came in). The
 * method answers through its poll(); nothing here names a channel.
 */
export async function pollAwaitedFactor(request: RequestInfo): Promise<CompletedStep | { status: "waiting"; state: string }> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending", "expired"]);
  const channel = attempt.selectedChannel;
  const method = channel && channelTraits(channel).response === "awaited" ? methodForChannel(channel) : null;
  if (attempt.state === "expired") {
    // Ended while the page waited: by a lock (a failed call counted as it happened), by the answer
    // itself (a push denied or reported on the phone: its failure says so), or otherwise.
    const lock = await lockState(db, attempt.personId, at);
    if (lock.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(lock, at), correlationId: attempt.correlationId });
    const ended = method?.poll ? await method.poll(db, attemptContext(attempt, request, at)) : null;
    if (ended && "ok" in ended && !ended.ok) throw new AppError(ended.code, { params: ended.params, correlationId: attempt.correlationId });
    throw new AppError("SIGN_IN_ATTEMPT_EXPIRED", { correlationId: attempt.correlationId });
  }
  const polled = method?.poll ? await method.poll(db, attemptContext(attempt, request, at)) : null;
  if (!channel || !polled) throw new AppError("SIGN_IN_ATTEMPT_EXPIRED", { correlationId: attempt.correlationId });
  if ("status" in polled) return { status: "waiting", state: polled.state };

  const result = await runFactorStep(db, {
    personId: attempt.personId,
    at,
    correlationId: attempt.correlationId,
    clientIp: request.ip,
    method: channel,
    counting: "after",
    success: "ends_run",
    verify: async () => polled,
    onSuccess: (tx) => completeAttempt(tx, attempt, at, { method: channel, factorVerified: true }),
    event: { attempt, client: request, step: "second_factor" },
  });
  if (!result.ok) throw new AppError(result.code, { params: result.params, correlationId: attempt.correlationId });
  return completed(attempt, result.value);
}
