import { optionalSession, type SessionContext } from "@/server/auth/require-session";
import { isStaff } from "@/server/auth/session-rules";
import { requestInfo } from "@/server/http/request-info";
import type { RequestInfo } from "@/server/http/request-info";

/** Back to the queue page the form came from (only our own helpdesk pages: never an open redirect). */
export function backToQueue(value: unknown): string {
  return typeof value === "string" && /^\/(nl|en)\/helpdesk(\?[A-Za-z0-9_.=&%+-]*)?$/.test(value) ? value : "/nl/helpdesk";
}

export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}

/** A plain form post from the queue: staff only (the procedure's rule), with its fields. */
export async function staffForm(request: Request): Promise<{ session: SessionContext; info: RequestInfo; form: FormData } | Response> {
  const session = await optionalSession(request.headers.get("cookie"));
  if (!session) return seeOther("/nl/sign-in?notice=session-ended");
  if (!isStaff(session.person.role)) return new Response("Helpdesk staff only.", { status: 403 });
  return { session, info: requestInfo(request.headers), form: await request.formData() };
}
