import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { optionalSession, type SessionContext } from "@/server/auth/require-session";

/** For pages: the session, or a redirect to sign-in that says the session has ended. */
export async function requirePageSession(locale: string): Promise<SessionContext> {
  const session = await optionalSession((await headers()).get("cookie"));
  if (!session) redirect(`/${locale}/sign-in?notice=session-ended`);
  return session;
}
