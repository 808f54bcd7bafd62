import { and, count, eq, inArray, isNotNull, isNull, ne, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods, people, signInAttempts } from "@/db/schema";
import type { ErrorCode } from "../core/errors";
import { getPolicy, type Policy } from "../policy/policy";
import { moveAttempts } from "./attempt-states";
import { methodRows } from "./methods/method-rows";
import { isLastResort } from "./methods/registry";

type Person = Pick<typeof people.$inferSelect, "id" | "createdAt">;

export async function hasEverHadMethod(db: Executor, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(mfaMethods)
    .where(and(eq(mfaMethods.personId, personId), isNotNull(mfaMethods.confirmedAt)));
  return (row?.n ?? 0) > 0;
}

/**
 * How many ways in the person has on their own: confirmed methods that are not removed, leaving out
 * a last resort (recovery codes: registry isLastResort). What "has a method" means where that
 * decides the next step at sign-in (a second factor or forced registration) and readiness.
 */
export async function activeMethodCount(db: Executor, personId: string): Promise<number> {
  return (await methodRows(db, personId)).filter((row) => !isLastResort(row.method.kind)).length;
}

/**
 * Whether the person may give up these of their active methods while the policy requires two-step
 * verification: not when nothing would be left (MFA_LAST_METHOD), and not when only a last resort
 * would be left of what let them in (MFA_LAST_RESORT_ONLY: recovery codes cannot be the only way).
 * Null: allowed.
 */
export async function lastMethodRefusal(
  db: Executor,
  personId: string,
  removing: readonly string[],
): Promise<Extract<ErrorCode, "MFA_LAST_METHOD" | "MFA_LAST_RESORT_ONLY"> | null> {
  const active = await methodRows(db, personId);
  const gone = active.filter((row) => removing.includes(row.method.id));
  const left = active.filter((row) => !removing.includes(row.method.id));
  if (left.length === 0) return "MFA_LAST_METHOD";
  if (left.every((row) => isLastResort(row.method.kind)) && gone.some((row) => !isLastResort(row.method.kind))) return "MFA_LAST_RESORT_ONLY";
  return null;
}

/**
 * Enrolment with the password alone is only for a person who has never had a method, within the
 * onboarding window after the account was created. Anyone else proves a second factor first (or,
 * later, uses a temporary access pass from the helpdesk).
 */
export async function mayEnrolWithPasswordOnly(db: Executor, person: Person, policy: Policy, at: Date): Promise<boolean> {
  const windowEnds = person.createdAt.getTime() + policy.onboardingWindowDays * 86_400_000;
  if (at.getTime() > windowEnds) return false;
  return !(await hasEverHadMethod(db, person.id));
}

/**
 * The enrolment rule again, inside the transaction that confirms a method registered at sign-in,
 * with the person's row locked (`select … for update`): two browsers that both reached
 * registration with the password alone cannot both enrol, because the second one to confirm waits
 * for the first and then sees its method. An attempt let through with a temporary access pass was
 * authorised by the pass; a disabled person enrols nothing.
 */
export async function mayConfirmRegistrationAtSignIn(tx: Executor, attempt: { personId: string; accessPassId: string | null }, at: Date): Promise<boolean> {
  const [person] = await tx
    .select({ id: people.id, createdAt: people.createdAt, organisationId: people.organisationId, disabledAt: people.disabledAt })
    .from(people)
    .where(eq(people.id, attempt.personId))
    .for("update");
  if (!person || person.disabledAt) return false;
  if (attempt.accessPassId) return true;
  return mayEnrolWithPasswordOnly(tx, person, await getPolicy(tx, person.organisationId), at);
}

/**
 * Ends sign-in attempts that wait for registration (`blocked`: their begin and confirm answer
 * MFA_REGISTRATION_NOT_ALLOWED) and drops the methods they had begun, before anyone confirms them.
 * Used when a first method is confirmed (the person's other attempts) and when a confirm is refused.
 */
async function endRegistrationAttempts(tx: Executor, where: SQL | undefined, at: Date): Promise<void> {
  const ended = await moveAttempts(tx, where, ["registration_required"], "blocked");
  if (ended.length === 0) return;
  await tx
    .update(mfaMethods)
    .set({ removedAt: at })
    .where(and(inArray(mfaMethods.registrationAttemptId, ended), isNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)));
}

/** A first method is confirmed: the person's other registration attempts end. */
export function endOtherRegistrations(tx: Executor, input: { personId: string; keepAttemptId: string; at: Date }): Promise<void> {
  return endRegistrationAttempts(tx, and(eq(signInAttempts.personId, input.personId), ne(signInAttempts.id, input.keepAttemptId)), input.at);
}

/** This attempt may not enrol after all: it ends. */
export function endRegistration(tx: Executor, input: { attemptId: string; at: Date }): Promise<void> {
  return endRegistrationAttempts(tx, eq(signInAttempts.id, input.attemptId), input.at);
}
