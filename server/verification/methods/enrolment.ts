/**
 * What every registration of a method shares, wherever it happens (security info, register at
 * sign-in): the kind's enrol part does the method's own work (registry enrolmentFor); here is
 * what surrounds it, for every kind alike.
 */
import type { Executor } from "@/db/client";
import { AppError } from "../../core/errors";
import { deliverNow } from "../../delivery/worker";
import type { EnrolBegun, EnrolContext, FactorFailure } from "./method";
import { methodAdded } from "./method-added";
import { type EnrolKind, enrolmentFor } from "./registry";

/**
 * Checks the first response through the kind's enrol part; a confirmed method gets the method-added
 * audit row and notice (`notify: false` when the caller tells the person about the whole change
 * itself: a number that replaces another).
 */
export async function confirmEnrolment(
  tx: Executor,
  kind: EnrolKind,
  context: EnrolContext,
  confirmation: { methodId: string; response: string; notify?: boolean },
): Promise<{ ok: true; methodId: string } | FactorFailure> {
  const outcome = await enrolmentFor(kind).confirm(tx, context, confirmation);
  if (!outcome.ok) return outcome;
  await methodAdded(tx, {
    personId: context.personId,
    methodId: outcome.methodId,
    actor: { kind: "person", personId: context.personId },
    correlationId: context.correlationId,
    clientIp: context.clientIp,
    notify: confirmation.notify,
  });
  return outcome;
}

/**
 * After the transaction that began a registration committed: what it queued for the person (the
 * code to a new number) is handed to the providers now, since the person waits for it;
 * DELIVERY_FAILED when none could take it.
 */
export async function deliverEnrolmentMessage(begun: EnrolBegun<object>): Promise<void> {
  if (begun.messageId && (await deliverNow(begun.messageId)) === "dead") throw new AppError("DELIVERY_FAILED");
}
