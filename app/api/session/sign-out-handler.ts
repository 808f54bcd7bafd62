import { optionalSession } from "@/server/auth/require-session";
import { revokeAllSessions, revokeSession } from "@/server/auth/sessions";
import { signOutForm } from "@/server/auth/sign-out.schemas";
import { getEnv } from "@/server/env";
import { clearCookie, cookieName } from "@/server/http/cookies";
import { requestInfo } from "@/server/http/request-info";

/**
 * Plain HTML form posts (no JavaScript needed): sign this session out, or every session of the
 * person. Either way the session and sign-in attempt cookies are cleared and the browser lands on
 * sign-in.
 */
export async function handleSignOut(request: Request, scope: "this" | "everywhere"): Promise<Response> {
  const form = signOutForm.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
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
