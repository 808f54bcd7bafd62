import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people, sessions, signInAttempts } from "@/db/schema";
import type { SessionContext } from "../auth/sessions";
import { SESSION_ABSOLUTE_SECONDS } from "../auth/session-rules";
import { addSeconds, now } from "../core/clock";
import { keyedHash } from "../crypto/keyed-hash";
import { cookieName, readCookie } from "../http/cookies";
import { getPolicy } from "../policy/policy";
import { ATTEMPT_COOKIE_DOMAIN } from "../verification/attempts";
import { activeMethodCount, mayEnrolWithPasswordOnly } from "../verification/enrolment-rules";

/**
 * "I wasn't asked for a code", explained from the person's real state:
 * - never_registered: no method yet, and the policy requires one: they are asked to register
 *   (within the onboarding window) instead of for a code;
 * - registration_closed: the same, but the onboarding window is over: the helpdesk must help;
 * - policy_not_required: no method, and the organisation does not require two-step verification,
 *   so the password was enough;
 * - session_still_valid: they have methods and gave one when this session started; the session
 *   keeps them signed in until it times out;
 * - unknown: not signed in and no sign-in in this browser: we cannot tell who is asking.
 * Remembered devices add a reason here when they arrive.
 */
export type NotPromptedReason =
  | { reason: "never_registered" }
  | { reason: "registration_closed" }
  | { reason: "policy_not_required" }
  | { reason: "session_still_valid"; signedInAt: string; method: string; validUntil: string }
  | { reason: "unknown" };

async function forPerson(personId: string, session: SessionContext | null): Promise<NotPromptedReason> {
  const db = await getDb();
  const at = now();
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  if (!person) return { reason: "unknown" };
  const policy = await getPolicy(db, person.organisationId);
  if ((await activeMethodCount(db, personId)) === 0) {
    if (!policy.requireTwoStep) return { reason: "policy_not_required" };
    return (await mayEnrolWithPasswordOnly(db, person, policy, at)) ? { reason: "never_registered" } : { reason: "registration_closed" };
  }
  if (session) {
    const [row] = await db
      .select({ method: signInAttempts.method })
      .from(sessions)
      .leftJoin(signInAttempts, eq(signInAttempts.id, sessions.attemptId))
      .where(eq(sessions.id, session.sessionId));
    return {
      reason: "session_still_valid",
      signedInAt: session.createdAt.toISOString(),
      method: row?.method ?? "totp",
      validUntil: addSeconds(session.createdAt, SESSION_ABSOLUTE_SECONDS).toISOString(),
    };
  }
  return { reason: "unknown" };
}

export async function notPromptedReason(input: { session: SessionContext | null; cookieHeader: string | null }): Promise<NotPromptedReason> {
  if (input.session) return forPerson(input.session.person.id, input.session);
  // Not signed in: only this browser's own latest sign-in, and only once its password was right.
  const secret = readCookie(input.cookieHeader, cookieName("attempt"));
  if (!secret) return { reason: "unknown" };
  const db = await getDb();
  const [attempt] = await db
    .select()
    .from(signInAttempts)
    .where(eq(signInAttempts.browserBindingHash, keyedHash(ATTEMPT_COOKIE_DOMAIN, secret)));
  if (!attempt?.personId || attempt.state === "password_failed") return { reason: "unknown" };
  return forPerson(attempt.personId, null);
}
