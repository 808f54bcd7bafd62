import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions, signInAttempts } from "@/db/schema";
import { signInFacts } from "../auth/session-facts";
import { now } from "../core/clock";
import { keyedHash } from "../crypto/keyed-hash";
import { clearCookie, cookieName, readCookie } from "../http/cookies";
import type { RequestInfo } from "../http/request-info";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { moveAttempt } from "./attempt-states";
import { ATTEMPT_COOKIE_DOMAIN, COMPLETION_TOKEN_DOMAIN } from "./attempts";
import { knownDeviceCookie } from "./known-device";
import { amrOfChannel, isChannel } from "./methods/registry";
import { completionInput } from "./sign-in.schemas";

export interface CompletedSignIn {
  personId: string;
  sessionId: string;
}

/**
 * Exchanges a completed attempt's one-time token for a session record. Called only from
 * next-auth's authorize(). The token works once (atomic conditional update), only with the
 * attempt's own browser cookie, and only within 60 s. Once the session exists the attempt cookie
 * has done its work: `setCookie` gets the header that clears it (the route adds it to the answer),
 * and the one that marks this browser as known for the account (known-device.ts).
 */
export async function completeSignIn(rawInput: unknown, request: RequestInfo, setCookie?: (cookie: string) => void): Promise<CompletedSignIn | null> {
  const parsed = completionInput.safeParse(rawInput);
  if (!parsed.success) return null;
  const input = parsed.data;
  const db = await getDb();
  const at = now();
  const cookieSecret = readCookie(request.cookieHeader, cookieName("attempt")) ?? "";

  const completed = await db.transaction(async (tx) => {
    const consumed = await moveAttempt(tx, { id: input.attemptId, state: "completed" }, "consumed", {
      set: { consumedAt: at, completionTokenHash: null },
      where: and(
        eq(signInAttempts.completionTokenHash, keyedHash(COMPLETION_TOKEN_DOMAIN, input.completionToken)),
        eq(signInAttempts.browserBindingHash, keyedHash(ATTEMPT_COOKIE_DOMAIN, cookieSecret)),
        gt(signInAttempts.completionExpiresAt, at),
        isNull(signInAttempts.consumedAt),
      ),
    });

    if (!consumed?.personId) {
      const [attempt] = await tx
        .select({ correlationId: signInAttempts.correlationId, personId: signInAttempts.personId, loginName: signInAttempts.loginName })
        .from(signInAttempts)
        .where(eq(signInAttempts.id, input.attemptId));
      if (attempt) {
        await recordSignInEvent(tx, {
          correlationId: attempt.correlationId,
          attemptId: input.attemptId,
          personId: attempt.personId,
          loginName: attempt.loginName,
          displaySessionId: request.displaySessionId,
          step: "completion",
          result: "failure",
          code: "SIGN_IN_COMPLETION_FAILED",
          clientIp: request.ip,
          userAgent: request.userAgent,
        });
      }
      return null;
    }

    // The facts of this sign-in: the password, and the method (channel) the attempt verified.
    const facts = signInFacts(consumed.factorVerifiedAt && isChannel(consumed.method) ? amrOfChannel(consumed.method) : []);
    const [session] = await tx
      .insert(sessions)
      .values({
        personId: consumed.personId,
        displayId: consumed.displaySessionId,
        attemptId: consumed.id,
        correlationId: consumed.correlationId,
        clientIp: request.ip,
        userAgent: request.userAgent,
        createdAt: at,
        lastSeenAt: at,
        factorVerifiedAt: consumed.factorVerifiedAt,
        amr: facts.amr,
        acr: facts.acr,
        authTime: consumed.completedAt ?? at,
      })
      .returning({ id: sessions.id });
    await recordSignInEvent(tx, {
      correlationId: consumed.correlationId,
      attemptId: consumed.id,
      personId: consumed.personId,
      loginName: consumed.loginName,
      displaySessionId: consumed.displaySessionId,
      step: "session",
      result: "success",
      clientIp: request.ip,
      userAgent: request.userAgent,
    });
    return { personId: consumed.personId, sessionId: session!.id, loginName: consumed.loginName };
  });
  if (!completed) return null;
  setCookie?.(clearCookie(cookieName("attempt")));
  setCookie?.(knownDeviceCookie(request.cookieHeader, completed.loginName));
  return { personId: completed.personId, sessionId: completed.sessionId };
}
