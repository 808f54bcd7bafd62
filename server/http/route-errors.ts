/**
 * Route handlers (app/api/**): one JSON error shape for every route, one form-body parser, and one
 * log line per unexpected error. The shape:
 *
 *   { "error": { "code": "<catalog code>", "message": "<in the request's language>", "correlationId": "…" } }
 *
 * with the catalog's transport status. Plain-form routes that redirect may answer 303 with
 * ?problem=CODE instead (problemRedirect); anything that is not a redirect is this shape.
 */
import type { z } from "zod";
import { newCorrelationId } from "../crypto/random";
import { AppError, ERROR_CATALOG, HTTP_STATUS, isAppError, type ErrorCode, type ErrorParams } from "../core/errors";
import { errorMessage, pickLocale } from "../i18n/translate";
import { errorSummary, log } from "../core/log";

export interface RouteErrorBody {
  error: { code: ErrorCode; message: string; correlationId: string };
}

export function statusOf(code: ErrorCode): number {
  return HTTP_STATUS[ERROR_CATALOG[code].transport];
}

/** The JSON error for a catalog code, in the request's language (x-tweestap-locale, Accept-Language). */
export function routeError(request: Request | Headers, code: ErrorCode, options: { params?: ErrorParams; retryAfterSeconds?: number; correlationId?: string } = {}): Response {
  const headers = request instanceof Headers ? request : request.headers;
  const body: RouteErrorBody = {
    error: { code, message: errorMessage(pickLocale(headers), code, options.params ?? {}), correlationId: options.correlationId ?? newCorrelationId() },
  };
  const responseHeaders: Record<string, string> = { "Cache-Control": "no-store" };
  if (options.retryAfterSeconds) responseHeaders["Retry-After"] = String(options.retryAfterSeconds);
  return Response.json(body, { status: statusOf(code), headers: responseHeaders });
}

/** 303 to a path on this site (relative Location: right behind any proxy). */
export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}

/** A plain-form route's refusal: back to its page with ?problem=CODE. */
export function problemRedirect(path: string, code: ErrorCode): Response {
  return seeOther(`${path}${path.includes("?") ? "&" : "?"}problem=${code}`);
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The fields of a plain form post. Anything else (JSON, text/plain, no body, a broken multipart
 * body) is refused with a catalog code, never a 500: UNSUPPORTED_MEDIA_TYPE for another content
 * type, INPUT_INVALID for a body that cannot be read. Files are dropped; only text fields count.
 */
export async function readForm(request: Request): Promise<Map<string, string[]>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    throw new AppError("INPUT_INVALID");
  }
  const fields = new Map<string, string[]>();
  for (const [name, value] of data.entries()) {
    if (typeof value !== "string") continue;
    fields.set(name, [...(fields.get(name) ?? []), value]);
  }
  return fields;
}

/** The largest JSON body a route reads itself (the device API's requests are a few hundred bytes). */
export const JSON_BODY_LIMIT = 16 * 1024;

/**
 * A JSON body checked against its schema: UNSUPPORTED_MEDIA_TYPE for another content type,
 * REQUEST_TOO_LARGE over 16 KB, INPUT_INVALID for a body that is not JSON or not what the schema
 * takes. Never a 500.
 */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw new AppError("INPUT_INVALID");
  }
  if (text.length > JSON_BODY_LIMIT) throw new AppError("REQUEST_TOO_LARGE");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("INPUT_INVALID");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError("INPUT_INVALID");
  return parsed.data;
}

/** The first value of each field (for a schema that takes one value per name). */
export function firstValues(fields: Map<string, string[]>): Record<string, string> {
  return Object.fromEntries([...fields].map(([name, values]) => [name, values[0]!]));
}

/**
 * Wraps a route handler: an AppError becomes the JSON shape with its status; anything else is
 * logged once (route pattern and error class only: never the query, its values or the URL, which
 * may hold a token) and answered INTERNAL_ERROR in the same shape.
 */
export function withRouteErrors<Args extends unknown[]>(route: string, handler: (request: Request, ...rest: Args) => Promise<Response>) {
  return async (request: Request, ...rest: Args): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      if (isAppError(error)) return routeError(request, error.code, { params: error.params, retryAfterSeconds: error.retryAfterSeconds });
      const correlationId = newCorrelationId();
      log("error", "route.internal_error", { correlationId, route, method: request.method, error: errorSummary(error) });
      return routeError(request, "INTERNAL_ERROR", { correlationId });
    }
  };
}
