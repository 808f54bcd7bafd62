import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people, signInAttempts } from "@/db/schema";
import { addSeconds, now } from "../clock";
import { keyedHash } from "../crypto/keyed-hash";
import { dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from "../crypto/password-hash";
import { newCorrelationId, randomToken } from "../crypto/random";
import { AppError } from "../errors";
import { cookieName, serializeCookie } from "../http/cookies";
import type { RequestInfo } from "../http/request-info";
import { findPersonByUsername } from "../people/find-person";
import { normalizeUsername } from "../people/username";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { ATTEMPT_COOKIE_DOMAIN, ATTEMPT_TTL_SECONDS, COMPLETION_TOKEN_DOMAIN, COMPLETION_TOKEN_TTL_SECONDS } from "./attempts";
import { countPasswordFailure, refundPasswordTry, reservePasswordTry } from "./password-throttle";
import type { PasswordStepInput } from "./sign-in.schemas";

export interface PasswordStepResult {
  status: "completed";
  attemptId: string;
  correlationId: string;
  displaySessionId: string;
  /** One-time, 60 s, only with this browser's attempt cookie; exchanged for a session. */
  completionToken: string;
}

/**
 * The password step. Creates the persisted attempt (bound to this browser by cookie) whatever the
 * outcome, so every try has a correlation ID. An unknown username and a wrong password take the
 * same path: same writes, an argon2id verify against a dummy hash, same error.
 * Until second factors exist, a correct password completes the attempt.
 */
export async function submitPassword(
  input: PasswordStepInput,
  request: RequestInfo,
  setCookie: (cookie: string) => void,
): Promise<PasswordStepResult> {
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

  const throttle = await reservePasswordTry(db, { ip: request.ip, loginName, at });
  if (throttle) {
    await recordSignInEvent(db, {
      ...eventBase,
      step: "rate_limit",
      method: "password",
      result: "throttled",
      code: "RATE_LIMITED",
      detail: { scope: throttle.scope, retryAfterSeconds: throttle.retryAfterSeconds },
    });
    throw new AppError("RATE_LIMITED", {
      correlationId,
      retryAfterSeconds: throttle.retryAfterSeconds,
      params: { seconds: throttle.retryAfterSeconds },
    });
  }

  const person = await findPersonByUsername(db, loginName);
  const usable = person && person.passwordHash && !person.disabledAt ? person : null;
  const passwordOk = (await verifyPassword(usable?.passwordHash ?? (await dummyPasswordHash()), input.password)) && usable !== null;

  const cookieSecret = randomToken();
  const completionToken = passwordOk ? randomToken() : null;
  const attemptId = await db.transaction(async (tx) => {
    const [attempt] = await tx
      .insert(signInAttempts)
      .values({
        correlationId,
        displaySessionId: request.displaySessionId,
        browserBindingHash: keyedHash(ATTEMPT_COOKIE_DOMAIN, cookieSecret),
        personId: person?.id ?? null,
        loginName,
        state: passwordOk ? "completed" : "password_failed",
        method: "password",
        failures: passwordOk ? 0 : 1,
        clientIp: request.ip,
        userAgent: request.userAgent,
        createdAt: at,
        expiresAt: addSeconds(at, ATTEMPT_TTL_SECONDS),
        completedAt: passwordOk ? at : null,
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
    });
    if (passwordOk) await refundPasswordTry(tx, { ip: request.ip, loginName });
    else await countPasswordFailure(tx, { ip: request.ip, loginName, at });
    return attempt!.id;
  });

  setCookie(serializeCookie(cookieName("attempt"), cookieSecret, { maxAgeSeconds: ATTEMPT_TTL_SECONDS }));
  if (!passwordOk || !completionToken || !usable) {
    throw new AppError("SIGN_IN_INVALID_CREDENTIALS", { correlationId });
  }
  if (passwordNeedsRehash(usable.passwordHash!)) {
    await db.update(people).set({ passwordHash: await hashPassword(input.password) }).where(eq(people.id, usable.id));
  }
  return { status: "completed", attemptId, correlationId, displaySessionId: request.displaySessionId, completionToken };
}
