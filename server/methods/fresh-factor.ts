import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people, sessions } from "@/db/schema";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { getPolicy } from "../policy/policy";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { mayEnrolWithPasswordOnly } from "../verification/enrolment-rules";
import { verifySecondFactorCode } from "../verification/verify-second-factor";

/** A second factor counts as fresh for 10 minutes (PRODUCT.md: changing methods, numbers, passwords). */
export const FRESH_FACTOR_SECONDS = 10 * 60;

export function hasFreshFactor(session: SessionContext, at: Date): boolean {
  return session.factorVerifiedAt !== null && at.getTime() - session.factorVerifiedAt.getTime() <= FRESH_FACTOR_SECONDS * 1000;
}

/** Changing methods needs a fresh second factor; FRESH_FACTOR_REQUIRED sends the person to confirm it. */
export function assertFreshFactor(session: SessionContext, at: Date): void {
  if (!hasFreshFactor(session, at)) throw new AppError("MFA_FRESH_FACTOR_REQUIRED");
}

/**
 * Adding an authenticator: with a fresh second factor, or, for a person who has never had a
 * method and is within the onboarding window, with the password session alone.
 */
export async function assertMayAddMethod(session: SessionContext, at: Date): Promise<void> {
  if (hasFreshFactor(session, at)) return;
  const db = await getDb();
  const [person] = await db.select().from(people).where(eq(people.id, session.person.id));
  if (person && (await mayEnrolWithPasswordOnly(db, person, await getPolicy(db, person.organisationId), at))) return;
  throw new AppError("MFA_FRESH_FACTOR_REQUIRED");
}

/** "Confirm it's you": a code from a registered method refreshes this session's second factor. */
export async function confirmFreshFactor(session: SessionContext, code: string, request: RequestInfo): Promise<{ freshUntil: Date }> {
  const db = await getDb();
  const at = now();
  const outcome = await verifySecondFactorCode(db, { personId: session.person.id, code, at, correlationId: session.correlationId, clientIp: request.ip });
  const base = {
    correlationId: session.correlationId ?? session.sessionId,
    displaySessionId: session.displaySessionId,
    personId: session.person.id,
    loginName: session.person.username,
    step: "step_up" as const,
    method: "totp",
    clientIp: request.ip,
    userAgent: request.userAgent,
  };
  if (!outcome.ok) {
    await recordSignInEvent(db, { ...base, result: "failure", code: outcome.code, detail: outcome.detail });
    throw new AppError(outcome.code, { params: outcome.params, correlationId: session.correlationId ?? undefined });
  }
  await db.update(sessions).set({ factorVerifiedAt: at }).where(eq(sessions.id, session.sessionId));
  await recordSignInEvent(db, { ...base, result: "success" });
  return { freshUntil: new Date(at.getTime() + FRESH_FACTOR_SECONDS * 1000) };
}

/** Whether adding a method may start now (no "confirm it's you" needed first). */
export async function mayAddMethodNow(session: SessionContext): Promise<boolean> {
  try {
    await assertMayAddMethod(session, now());
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "MFA_FRESH_FACTOR_REQUIRED") return false;
    throw error;
  }
}
