import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { people, signInAttempts } from "@/db/schema";
import { addSeconds, now } from "../core/clock";
import { keyedHash } from "../crypto/keyed-hash";
import { dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from "../crypto/password-hash";
import { newCorrelationId, randomToken } from "../crypto/random";
import { AppError } from "../core/errors";
import { cookieName, serializeCookie } from "../http/cookies";
import type { RequestInfo } from "../http/request-info";
import { findPersonByUsername } from "../people/find-person";
import { normalizeUsername } from "../people/username";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { ATTEMPT_COOKIE_DOMAIN, ATTEMPT_TTL_SECONDS, COMPLETION_TOKEN_DOMAIN, COMPLETION_TOKEN_TTL_SECONDS } from "./attempts";
import { getPolicy } from "../policy/policy";
import { activeMethodCount, mayEnrolWithPasswordOnly } from "./enrolment-rules";
import { hasActiveAccessPass } from "./methods/access-pass/access-passes";
import { refundPasswordTry, reservePasswordTry } from "./password-throttle";
import type { PasswordStepInput } from "./sign-in.schemas";

/** A completed step: the one-time completion token (60 s, only with this browser's attempt cookie). */
export interface CompletedStep {
  status: "completed";
  attemptId: string;
  correlationId: string;
  displaySessionId: string;
  completionToken: string;
}

/** After the password: done, a second factor to give, or a first method to register. */
export type PasswordStepResult = CompletedStep | { status: "factor" | "register" | "pass"; correlationId: string; displaySessionId: string };

type NextStep = "complete" | "factor" | "register" | "pass" | "blocked";
const STATE_FOR: Record<NextStep, "completed" | "factor_pending" | "registration_required" | "pass_required" | "blocked"> = {
  complete: "completed",
  factor: "factor_pending",
  register: "registration_required",
  pass: "pass_required",
  blocked: "blocked",
};

/** What a person whose password was right does next, by their methods and the policy. */
async function nextStep(db: Executor, person: typeof people.$inferSelect, at: Date): Promise<NextStep> {
  if ((await activeMethodCount(db, person.id)) > 0) return "factor";
  // No method (after a helpdesk reset, say) but a temporary access pass: it lets them enrol one.
  if (await hasActiveAccessPass(db, person.id, at)) return "pass";
  const policy = await getPolicy(db, person.organisationId);
  if (!policy.requireTwoStep) return "complete";
  return (await mayEnrolWithPasswordOnly(db, person, policy, at)) ? "register" : "blocked";
}

/**
 * The password step. Creates the persisted attempt (bound to this browser by cookie) whatever the
 * outcome, so every try has a correlation ID. An unknown username and a wrong password take the
 * same path: same writes, an argon2id verify against a dummy hash, same error.
 * A correct password leads to the second factor, to a temporary access pass (no method, a pass from
 * the helpdesk), to forced registration of a first method (policy requires two-step verification),
 * or, when the policy does not require it, completes the attempt.
 */
export async function submitPassword(input: PasswordStepInput, request: RequestInfo, setCookie: (cookie: string) => void): Promise<PasswordStepResult> {
  const db = await getDb();
  const at = now();
  const correlationId = newCorrelationId();
  const loginName = normalizeUsername(input.username);
  const eventBase = {
    correlationId,
    displaySessionId: request.displaySessionId,
    loginName,
    clientIp: request.ip,
    userAgent: request.userAgent,
  };

  const reservation = await reservePasswordTry(db, { ip: request.ip, loginName, at, cookieHeader: request.cookieHeader, proof: input.proof });
  if ("throttled" in reservation) {
    const { scope, retryAfterSeconds } = reservation.throttled;
    const code = scope === "challenge" ? "SIGN_IN_CHALLENGE_REQUIRED" : scope === "account" ? "SIGN_IN_SLOWED_DOWN" : "RATE_LIMITED";
    await recordSignInEvent(db, {
      ...eventBase,
      step: "rate_limit",
      method: "password",
      result: "throttled",
      code,
      detail: { scope, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
    });
    throw new AppError(code, {
      correlationId,
      retryAfterSeconds,
      params: retryAfterSeconds ? { seconds: retryAfterSeconds } : {},
    });
  }

  const person = await findPersonByUsername(db, loginName);
  const usable = person?.passwordHash && !person.disabledAt ? person : null;
  const passwordOk = (await verifyPassword(usable?.passwordHash ?? (await dummyPasswordHash()), input.password)) && usable !== null;

  const next: NextStep | null = passwordOk && usable ? await nextStep(db, usable, at) : null;
  const cookieSecret = randomToken();
  const completionToken = next === "complete" ? randomToken() : null;
  const attemptId = await db.transaction(async (tx) => {
    const [attempt] = await tx
      .insert(signInAttempts)
      .values({
        correlationId,
        displaySessionId: request.displaySessionId,
        browserBindingHash: keyedHash(ATTEMPT_COOKIE_DOMAIN, cookieSecret),
        personId: person?.id ?? null,
        loginName,
        state: next ? STATE_FOR[next] : "password_failed",
        method: "password",
        failures: passwordOk ? 0 : 1,
        clientIp: request.ip,
        userAgent: request.userAgent,
        createdAt: at,
        expiresAt: addSeconds(at, ATTEMPT_TTL_SECONDS),
        completedAt: completionToken ? at : null,
        completionTokenHash: completionToken ? keyedHash(COMPLETION_TOKEN_DOMAIN, completionToken) : null,
        completionExpiresAt: completionToken ? addSeconds(at, COMPLETION_TOKEN_TTL_SECONDS) : null,
      })
      .returning({ id: signInAttempts.id });
    await recordSignInEvent(tx, {
      ...eventBase,
      attemptId: attempt!.id,
      personId: person?.id ?? null,
      step: "password",
      method: "password",
      result: passwordOk ? "success" : "failure",
      code: passwordOk ? null : "SIGN_IN_INVALID_CREDENTIALS",
      detail: next ? { next } : undefined,
    });
    if (next === "blocked") {
      await recordSignInEvent(tx, {
        ...eventBase,
        attemptId: attempt!.id,
        personId: person?.id ?? null,
        step: "registration",
        result: "failure",
        code: "MFA_REGISTRATION_NOT_ALLOWED",
      });
    }
    if (passwordOk) await refundPasswordTry(tx, reservation.reserved);
    return attempt!.id;
  });

  setCookie(serializeCookie(cookieName("attempt"), cookieSecret, { maxAgeSeconds: ATTEMPT_TTL_SECONDS }));
  if (!next || !usable) throw new AppError("SIGN_IN_INVALID_CREDENTIALS", { correlationId });
  if (passwordNeedsRehash(usable.passwordHash!)) {
    await db
      .update(people)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(people.id, usable.id));
  }
  if (next === "blocked") throw new AppError("MFA_REGISTRATION_NOT_ALLOWED", { correlationId });
  const displaySessionId = request.displaySessionId;
  if (next === "complete") return { status: "completed", attemptId, correlationId, displaySessionId, completionToken: completionToken! };
  return { status: next, correlationId, displaySessionId };
}
