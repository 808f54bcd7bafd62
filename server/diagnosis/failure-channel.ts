import type { ErrorCode } from "../core/errors";
import type { Channel } from "../verification/methods/method";
import { isChannel } from "../verification/methods/registry";
import { diagnoseForCaller } from "./diagnose-sign-in";
import type { Diagnosis } from "./explain";

/**
 * The way (channel) a refusal with this code happened on, as the sign-in event recorded it: the
 * latest failed step with the code. Null when no step of the sign-in has it, or its method is not a
 * channel (the password, a temporary access pass).
 */
export function failureChannel(diagnosis: Pick<Diagnosis, "steps"> | null, code: ErrorCode): Channel | null {
  const step = diagnosis?.steps.findLast((s) => s.code === code && s.result === "failure");
  return step && isChannel(step.method) ? step.method : null;
}

/**
 * The way a refusal happened on, for the help page of its code: read from the sign-in the caller
 * may see (their own, or this browser's; diagnoseForCaller decides), otherwise null.
 */
export async function channelOfFailure(input: { correlationId: string; code: ErrorCode; personId: string | null; cookieHeader: string | null }): Promise<Channel | null> {
  const answer = await diagnoseForCaller({ correlationId: input.correlationId, personId: input.personId, cookieHeader: input.cookieHeader });
  return answer.found ? failureChannel(answer, input.code) : null;
}
