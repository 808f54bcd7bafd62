import { and, count, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods, people } from "@/db/schema";
import type { Policy } from "../policy/policy";

type Person = Pick<typeof people.$inferSelect, "id" | "createdAt">;

export async function hasEverHadMethod(db: Executor, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(mfaMethods)
    .where(and(eq(mfaMethods.personId, personId), isNotNull(mfaMethods.confirmedAt)));
  return (row?.n ?? 0) > 0;
}

export async function activeMethodCount(db: Executor, personId: string): Promise<number> {
  const rows = await db
    .select({ confirmedAt: mfaMethods.confirmedAt, removedAt: mfaMethods.removedAt })
    .from(mfaMethods)
    .where(eq(mfaMethods.personId, personId));
  return rows.filter((r) => r.confirmedAt && !r.removedAt).length;
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
