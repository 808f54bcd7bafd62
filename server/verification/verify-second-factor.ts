import type { Executor } from "@/db/client";
import { normalizeCode } from "./factor-params";
import type { Channel, FactorContext, FactorFailure } from "./methods/method";
import { methodForChannel, unchallengedCodeChannel } from "./methods/registry";
import { runFactorStep } from "./run-factor-step";

export { driftParams, lockParams, normalizeCode } from "./factor-params";

export type FactorOutcome = { ok: true; method: Channel; methodId: string } | FactorFailure;

/**
 * Checks a code under the shared lockout (runFactorStep): refused unchecked while locked; a
 * failure counts toward the lock; a success consumes the code and ends the run of failures. By
 * default against the way that needs nothing sent (the person's authenticator apps); `via` a text
 * message, against the newest code sent to that owner for that purpose. The caller writes its own
 * event. Used by step-up ("confirm it's you").
 */
export async function verifySecondFactorCode(
  db: Executor,
  input: {
    personId: string;
    code: string;
    at: Date;
    correlationId: string | null;
    clientIp: string | null;
    via?: { channel: "sms"; ownerId: string; purpose?: "sign_in" | "step_up" };
  },
): Promise<FactorOutcome> {
  const channel: Channel = input.via?.channel ?? unchallengedCodeChannel();
  const context: FactorContext = {
    personId: input.personId,
    ownerId: input.via?.ownerId ?? input.personId,
    purpose: input.via?.purpose ?? "sign_in",
    at: input.at,
    correlationId: input.correlationId,
    clientIp: input.clientIp,
  };
  const result = await runFactorStep(db, {
    personId: input.personId,
    at: input.at,
    correlationId: input.correlationId,
    clientIp: input.clientIp,
    method: channel,
    counting: "before",
    success: "ends_run",
    verify: (tx) => methodForChannel(channel).verify(tx, context, channel, normalizeCode(input.code)),
  });
  return result.ok ? { ok: true, method: result.outcome.channel, methodId: result.outcome.methodId } : result;
}
