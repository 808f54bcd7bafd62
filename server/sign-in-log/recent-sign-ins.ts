import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInEvents } from "@/db/schema";

export interface RecentSignIn {
  correlationId: string;
  startedAt: Date;
  outcome: "signed_in" | "failed" | "in_progress";
  /** The catalog code of the last failure, when it failed. */
  code: string | null;
  method: string | null;
  clientIp: string | null;
  userAgent: string | null;
}

/** The person's own recent sign-ins, one row per correlation ID, newest first. */
export async function recentSignIns(personId: string, limit = 10): Promise<RecentSignIn[]> {
  const db = await getDb();
  const starts = await db
    .selectDistinctOn([signInEvents.correlationId], { correlationId: signInEvents.correlationId, occurredAt: signInEvents.occurredAt })
    .from(signInEvents)
    .where(and(eq(signInEvents.personId, personId), eq(signInEvents.step, "password")))
    .orderBy(signInEvents.correlationId, signInEvents.occurredAt);
  const newest = starts.sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime()).slice(0, limit);
  if (newest.length === 0) return [];
  const events = await db
    .select()
    .from(signInEvents)
    .where(
      inArray(
        signInEvents.correlationId,
        newest.map((s) => s.correlationId),
      ),
    )
    .orderBy(desc(signInEvents.occurredAt), desc(signInEvents.id));
  return newest.map(({ correlationId, occurredAt }) => {
    const mine = events.filter((e) => e.correlationId === correlationId);
    const first = mine[mine.length - 1]!;
    const signedIn = mine.some((e) => e.step === "session" && e.result === "success");
    const lastFailure = mine.find((e) => e.result === "failure" || e.result === "throttled");
    const factor = mine.find((e) => (e.step === "second_factor" || e.step === "registration") && e.method);
    return {
      correlationId,
      startedAt: occurredAt,
      outcome: signedIn ? "signed_in" : lastFailure ? "failed" : "in_progress",
      code: signedIn ? null : (lastFailure?.code ?? null),
      method: factor?.method ?? "password",
      clientIp: first.clientIp,
      userAgent: first.userAgent,
    };
  });
}
