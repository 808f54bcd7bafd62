import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people } from "@/db/schema";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getPolicy } from "../policy/policy";
import { mayEnrolWithPasswordOnly } from "../verification/enrolment-rules";

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
