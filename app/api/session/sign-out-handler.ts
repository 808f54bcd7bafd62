import { optionalSession } from "@/server/auth/require-session";
import { revokeAllSessions, revokeSession } from "@/server/auth/sessions";
import { signOutForm } from "@/server/auth/sign-out.schemas";
import { getEnv } from "@/server/core/env";
import { clearCookie, cookieName } from "@/server/http/cookies";
import { requestInfo } from "@/server/http/request-info";
import { firstValues, readForm } from "@/server/http/route-errors";

/**
 * Plain HTML form posts (no JavaScript needed): sign this session out, or every session of the
 * person. Either way the session and sign-in attempt cookies are cleared and the browser lands on
 * sign-in.
 */
export async function handleSignOut(request: Request, scope: "this" | "everywhere"): Promise<Response> {
  // An unreadable form still signs out (to Dutch): signing out must never fail on its form.
  const form = signOutForm.safeParse(await readForm(request).then(firstValues, () => ({})));
  const locale = form.success ? form.data.locale : "nl";
  const info = requestInfo(request.headers);
  const session = await optionalSession(info.cookieHeader);
  if (session) {
    if (scope === "everywhere") await revokeAllSessions(session, info);
    else await revokeSession(session.sessionId, info);
  }
  const location = new URL(`/${locale}/sign-in?notice=signed-out`, getEnv().publicUrl);
  const headers = new Headers({ Location: location.pathname + location.search, "Cache-Control": "no-store" });
  headers.append("Set-Cookie", clearCookie(cookieName("session")));
  headers.append("Set-Cookie", clearCookie(cookieName("attempt")));
  return new Response(null, { status: 303, headers });
}
