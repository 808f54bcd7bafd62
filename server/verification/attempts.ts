import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { addSeconds } from "../core/clock";
import { keyedHash } from "../crypto/keyed-hash";
import { randomToken } from "../crypto/random";
import { AppError } from "../core/errors";
import { cookieName, readCookie } from "../http/cookies";
import { moveAttempt } from "./attempt-states";

/** Sign-in attempt lifetimes (PRODUCT.md). */
export const ATTEMPT_TTL_SECONDS = 10 * 60;
export const COMPLETION_TOKEN_TTL_SECONDS = 60;
export const ATTEMPT_COOKIE_DOMAIN = "attempt-cookie";
export const COMPLETION_TOKEN_DOMAIN = "completion-token";

export type Attempt = typeof signInAttempts.$inferSelect;

/**
 * The attempt this browser holds (by its httpOnly cookie), in one of `states`. An expired attempt,
 * another state, or no cookie: SIGN_IN_ATTEMPT_EXPIRED (start again from the password).
 */
export async function attemptForBrowser(db: Executor, cookieHeader: string | null, at: Date, states: Attempt["state"][]): Promise<Attempt & { personId: string }> {
  const secret = readCookie(cookieHeader, cookieName("attempt"));
  if (!secret) throw new AppError("SIGN_IN_ATTEMPT_EXPIRED");
  const [attempt] = await db
    .select()
    .from(signInAttempts)
    .where(eq(signInAttempts.browserBindingHash, keyedHash(ATTEMPT_COOKIE_DOMAIN, secret)));
  if (!attempt?.personId || attempt.expiresAt <= at || !states.includes(attempt.state)) {
    throw new AppError("SIGN_IN_ATTEMPT_EXPIRED", { correlationId: attempt?.correlationId });
  }
  return attempt as Attempt & { personId: string };
}

/**
 * Completes an attempt and returns its one-time completion token (60 s, stored hashed), which the
 * browser exchanges for a session through next-auth. Conditional on the state the caller saw, so
 * two racing completions cannot both succeed.
 */
export async function completeAttempt(db: Executor, attempt: Pick<Attempt, "id" | "state">, at: Date, input: { method: string; factorVerified: boolean }): Promise<string> {
  const token = randomToken();
  const done = await moveAttempt(db, attempt, "completed", {
    set: {
      method: input.method,
      completedAt: at,
      factorVerifiedAt: input.factorVerified ? at : null,
      completionTokenHash: keyedHash(COMPLETION_TOKEN_DOMAIN, token),
      completionExpiresAt: addSeconds(at, COMPLETION_TOKEN_TTL_SECONDS),
    },
  });
  if (!done) throw new AppError("SIGN_IN_ATTEMPT_EXPIRED");
  return token;
}
