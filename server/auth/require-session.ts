import { decode } from "next-auth/jwt";
import { getEnv } from "../core/env";
import { AppError } from "../core/errors";
import { cookieName, readCookie } from "../http/cookies";
import { validateSession, type SessionContext } from "./sessions";

export type { SessionContext };

/** The session behind a Cookie header, or null when signed out, revoked, idle or too old. */
export async function optionalSession(cookieHeader: string | null | undefined): Promise<SessionContext | null> {
  const raw = readCookie(cookieHeader, cookieName("session"));
  if (!raw) return null;
  let sid: unknown;
  try {
    const token = await decode({ token: raw, secret: getEnv().authSecret });
    sid = token?.sid;
  } catch {
    return null;
  }
  if (typeof sid !== "string" || !/^[0-9a-f-]{36}$/i.test(sid)) return null;
  return validateSession(sid);
}

/**
 * THE session check, used by tRPC procedures, server components and route handlers alike.
 * Throws SESSION_REQUIRED (401) when there is no valid session.
 */
export async function requireSession(cookieHeader: string | null | undefined): Promise<SessionContext> {
  const session = await optionalSession(cookieHeader);
  if (!session) throw new AppError("SESSION_REQUIRED");
  return session;
}
