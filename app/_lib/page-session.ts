import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { optionalSession, type SessionContext } from "@/server/auth/require-session";

/**
 * For pages: the session, or a redirect to sign-in that says the session has ended; pages reached
 * from a link in an email say "sign in to continue" and come back here afterwards.
 */
export async function requirePageSession(locale: string, returnTo?: string): Promise<SessionContext> {
  const session = await optionalSession((await headers()).get("cookie"));
  if (!session) redirect(returnTo ? `/${locale}/sign-in?notice=continue&return=${encodeURIComponent(returnTo)}` : `/${locale}/sign-in?notice=session-ended`);
  return session;
}
