import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { people, signInAttempts, signInEvents } from "@/db/schema";
import { now } from "../core/clock";
import { keyedHash, keyedHashEquals } from "../crypto/keyed-hash";
import { cookieName, readCookie } from "../http/cookies";
import { getPolicy, policySchema } from "../policy/policy";
import { ATTEMPT_COOKIE_DOMAIN } from "../verification/attempts";
import { lockState } from "../verification/lockout";
import { explainSignIn, project, type Diagnosis, type EventRow } from "./explain";

/** The answer when there is nothing this caller may see: the same for "no such sign-in" and "not yours". */
export const NOTHING_TO_SHOW = Object.freeze({ found: false as const });
export type DiagnosisAnswer = Diagnosis | typeof NOTHING_TO_SHOW;

/** The full explanation of one sign-in (the helpdesk's view), or null when there is no such sign-in. */
export async function explainCorrelation(db: Executor, correlationId: string): Promise<Diagnosis | null> {
  const at = now();
  const [attempt] = await db.select().from(signInAttempts).where(eq(signInAttempts.correlationId, correlationId));
  const rows = await db.select().from(signInEvents).where(eq(signInEvents.correlationId, correlationId)).orderBy(asc(signInEvents.id));
  const events = rows as EventRow[];
  if (!attempt && rows.length === 0) return null;
  const personId = attempt?.personId ?? rows.find((e) => e.personId)?.personId ?? null;
  let policy = policySchema.parse({});
  let lockedUntil: string | null = null;
  if (personId) {
    const [person] = await db.select({ organisationId: people.organisationId }).from(people).where(eq(people.id, personId));
    if (person) policy = await getPolicy(db, person.organisationId);
    const lock = await lockState(db, personId, at);
    lockedUntil = lock.locked ? lock.until.toISOString() : null;
  }
  return explainSignIn({
    correlationId,
    attempt: attempt ?? null,
    events,
    at,
    context: { textCodeTtlSeconds: policy.textCodeTtlSeconds, lockedUntil },
    policy: {
      requireTwoStep: policy.requireTwoStep,
      textCodeTtlSeconds: policy.textCodeTtlSeconds,
      textAllowed: policy.textAllowed,
      voiceAllowed: policy.voiceAllowed,
    },
  });
}

/**
 * "What happened?" for the caller of the help pages:
 * - signed in and the sign-in is theirs: their own view, in full;
 * - otherwise only the browser that holds that attempt's cookie, and only what its steps showed;
 * - anyone else (another browser, another person, no such ID): nothing, the same answer each time.
 */
export async function diagnoseForCaller(input: { correlationId: string; personId: string | null; cookieHeader: string | null }): Promise<DiagnosisAnswer> {
  const db = await getDb();
  const relation = await callersSignIn(db, input);
  if (!relation) return NOTHING_TO_SHOW;
  const full = await explainCorrelation(db, input.correlationId);
  if (!full) return NOTHING_TO_SHOW;
  return project(full, relation === "own" ? "person" : "anonymous");
}

/**
 * The one rule for whose sign-in a correlation ID names, as far as the caller is concerned:
 * "own" when it is the signed-in person's sign-in, "browser" when this browser holds that
 * attempt's cookie (its binding matches), null otherwise (another browser, another person, no
 * such sign-in). A display session ID or correlation ID the browser merely quotes proves nothing.
 */
export async function callersSignIn(db: Executor, input: { correlationId: string; personId: string | null; cookieHeader: string | null }): Promise<"own" | "browser" | null> {
  const [attempt] = await db
    .select({ personId: signInAttempts.personId, browserBindingHash: signInAttempts.browserBindingHash })
    .from(signInAttempts)
    .where(eq(signInAttempts.correlationId, input.correlationId));
  if (!attempt) return null;
  if (input.personId !== null && attempt.personId === input.personId) return "own";
  const secret = readCookie(input.cookieHeader, cookieName("attempt"));
  return secret !== undefined && keyedHashEquals(ATTEMPT_COOKIE_DOMAIN, secret, attempt.browserBindingHash) ? "browser" : null;
}

/** The correlation ID of the sign-in attempt this browser holds (by its attempt cookie), if any. */
export async function browsersSignIn(db: Executor, cookieHeader: string | null): Promise<string | null> {
  const secret = readCookie(cookieHeader, cookieName("attempt"));
  if (!secret) return null;
  const [attempt] = await db
    .select({ correlationId: signInAttempts.correlationId })
    .from(signInAttempts)
    .where(eq(signInAttempts.browserBindingHash, keyedHash(ATTEMPT_COOKIE_DOMAIN, secret)));
  return attempt?.correlationId ?? null;
}

/** The helpdesk's view of a sign-in (agents only: the caller checks the role). */
export async function diagnoseForHelpdesk(correlationId: string): Promise<DiagnosisAnswer> {
  return (await explainCorrelation(await getDb(), correlationId)) ?? NOTHING_TO_SHOW;
}
