import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../core/env";
import { clearCookie, cookieName } from "../http/cookies";
import { requestInfo } from "../http/request-info";
import { completeSignIn } from "../verification/complete-sign-in";
import { revokeSession } from "./sessions";
import { SESSION_ABSOLUTE_SECONDS } from "./session-rules";

function headersFrom(raw: unknown): Headers {
  const headers = new Headers();
  if (raw && typeof raw === "object") {
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(", "));
    }
  }
  return headers;
}

/**
 * next-auth issues the session only for a completed sign-in attempt: the credentials provider
 * consumes the attempt's one-time completion token (never a password). The JWT carries only the
 * session record's ID; requireSession() checks that record on every request. `setCookie` takes
 * the extra cookies of this request's answer (the attempt cookie cleared at completion and at
 * sign-out); the route adds them to next-auth's response.
 */
export function authOptions(setCookie?: (cookie: string) => void): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_SECONDS },
    jwt: { maxAge: SESSION_ABSOLUTE_SECONDS },
    useSecureCookies: env.secureCookies,
    cookies: {
      sessionToken: {
        name: cookieName("session"),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: env.secureCookies },
      },
    },
    pages: { signIn: "/", error: "/" },
    providers: [
      CredentialsProvider({
        id: "attempt",
        name: "Tweestap sign-in attempt",
        credentials: { attemptId: { type: "text" }, completionToken: { type: "text" } },
        async authorize(credentials, req) {
          const request = requestInfo(headersFrom(req?.headers));
          const completed = await completeSignIn({ attemptId: credentials?.attemptId, completionToken: credentials?.completionToken }, request, setCookie);
          if (!completed) return null;
          return { id: completed.personId, sid: completed.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && "sid" in user) return { sub: user.id, sid: (user as { sid: string }).sid };
        return token;
      },
      // The browser learns nothing from /api/auth/session: the record key stays server-side.
      session({ session }) {
        return { expires: session.expires } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as { sid?: unknown } | null)?.sid;
        if (typeof sid === "string") await revokeSession(sid, null);
        setCookie?.(clearCookie(cookieName("attempt")));
      },
    },
  };
}
