import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";
import { routeError, withRouteErrors } from "@/server/http/route-errors";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * The next-auth actions Tweestap uses (app/_lib/finish-sign-in.ts: csrf, the attempt's callback,
 * the session), each with its one method. Anything else is answered in our JSON shape before
 * next-auth sees it: NOT_FOUND for another action, METHOD_NOT_ALLOWED for the wrong method
 * (`GET /api/auth/callback/attempt` used to end in a 500).
 */
const ACTIONS: Record<string, "GET" | "POST"> = { csrf: "GET", session: "GET", providers: "GET", "callback/attempt": "POST", _log: "POST" };

async function handler(req: Request, context: RouteContext) {
  const action = (await context.params).nextauth.join("/");
  const method = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!method) return routeError(req, "NOT_FOUND");
  if (req.method !== method) return routeError(req, "METHOD_NOT_ALLOWED");
  // Cookies our own code adds to this answer (the attempt cookie cleared once a session exists).
  const extraCookies: string[] = [];
  // next-auth 4 predates async params; hand it resolved ones.
  const response: Response = await NextAuth(
    req as never,
    { params: await context.params } as never,
    authOptions((c) => extraCookies.push(c)),
  );
  for (const cookie of extraCookies) response.headers.append("Set-Cookie", cookie);
  return response;
}

const route = withRouteErrors("auth/[...nextauth]", handler);
export { route as GET, route as POST };
