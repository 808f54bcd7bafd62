import { optionalSession, type SessionContext } from "@/server/auth/require-session";
import { isStaff } from "@/server/auth/session-rules";
import { isAppError } from "@/server/core/errors";
import { requestInfo } from "@/server/http/request-info";
import type { RequestInfo } from "@/server/http/request-info";
import { problemRedirect, readForm, routeError, seeOther } from "@/server/http/route-errors";

export { seeOther };

/** Back to the queue page the form came from (only our own helpdesk pages: never an open redirect). */
export function backToQueue(value: unknown): string {
  return typeof value === "string" && /^\/(nl|en)\/helpdesk(\?[A-Za-z0-9_.=&%+-]*)?$/.test(value) ? value : "/nl/helpdesk";
}

/** The fields of a queue form: one value (get) or all values (getAll) of a name. */
export interface QueueForm {
  get(name: string): string | null;
  getAll(name: string): string[];
}

/**
 * A plain form post from the queue: staff only (the procedure's rule), with its fields. A body that
 * is not a readable form goes back to the queue with ?problem=CODE.
 */
export async function staffForm(request: Request): Promise<{ session: SessionContext; info: RequestInfo; form: QueueForm } | Response> {
  const session = await optionalSession(request.headers.get("cookie"));
  if (!session) return seeOther("/nl/sign-in?notice=session-ended");
  if (!isStaff(session.person.role)) return routeError(request, "ACCESS_DENIED");
  let fields: Map<string, string[]>;
  try {
    fields = await readForm(request);
  } catch (error) {
    if (isAppError(error)) return problemRedirect("/nl/helpdesk", error.code);
    throw error;
  }
  const form: QueueForm = { get: (name) => fields.get(name)?.[0] ?? null, getAll: (name) => fields.get(name) ?? [] };
  return { session, info: requestInfo(request.headers), form };
}
