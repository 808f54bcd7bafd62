import type { RequestInfo } from "../../http/request-info";
import type { Attempt } from "../attempts";
import type { FactorContext } from "../methods/method";
import type { CompletedStep } from "../submit-password";

/** Who a sign-in step's event is about: the attempt and the browser that made the request. */
export type EventClient = { ip: RequestInfo["ip"] | null; userAgent: RequestInfo["userAgent"] };

export function attemptEvent(attempt: Pick<Attempt, "correlationId" | "displaySessionId" | "id" | "personId" | "loginName">, client: EventClient) {
  return {
    correlationId: attempt.correlationId,
    displaySessionId: attempt.displaySessionId,
    attemptId: attempt.id,
    personId: attempt.personId,
    loginName: attempt.loginName,
    clientIp: client.ip,
    userAgent: client.userAgent,
  };
}

/** A completed step's answer: the browser exchanges the token for a session. */
export function completed(attempt: Pick<Attempt, "id" | "correlationId" | "displaySessionId">, completionToken: string): CompletedStep {
  return { status: "completed", attemptId: attempt.id, correlationId: attempt.correlationId, displaySessionId: attempt.displaySessionId, completionToken };
}

/** The sign-in attempt as the owner of a factor step: its codes and calls are bound to it. */
export function attemptContext(attempt: Pick<Attempt, "id" | "correlationId"> & { personId: string }, client: EventClient, at: Date): FactorContext {
  return { personId: attempt.personId, ownerId: attempt.id, purpose: "sign_in", at, correlationId: attempt.correlationId, clientIp: client.ip, userAgent: client.userAgent };
}
