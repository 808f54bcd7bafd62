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

/** A signed-in session as the owner of a step-up ("confirm it's you"): what its events name. */
export interface SessionOwner {
  sessionId: string;
  /** The sign-in's correlation ID, or the session's own ID when it has none. */
  correlationId: string;
  displaySessionId: string;
  personId: string;
  loginName: string;
}

export function sessionEvent(owner: SessionOwner, client: EventClient) {
  return {
    correlationId: owner.correlationId,
    displaySessionId: owner.displaySessionId,
    personId: owner.personId,
    loginName: owner.loginName,
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
