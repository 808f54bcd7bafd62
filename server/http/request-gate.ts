/**
 * What our own server (scripts/serve.ts) refuses before Next.js sees a request: a body over our
 * limit (1 MB JSON and other bodies, 256 KB forms), a body that does not say how large it is, and
 * a path with a broken percent-escape or a NUL. Refusals are the routes' JSON error shape
 * (server/http/route-errors.ts) with the catalog's status: 413 REQUEST_TOO_LARGE, 400 INPUT_INVALID.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorCode } from "../core/errors";
import { PEER_HEADER } from "./client-ip";
import { routeError } from "./route-errors";

export const BODY_LIMITS = {
  /** JSON (tRPC calls, callbacks) and any other body. */
  json: 1024 * 1024,
  /** Plain form posts (urlencoded or multipart). */
  form: 256 * 1024,
} as const;

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

type HeaderValue = string | string[] | undefined;

function single(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The body limit for a content type (bytes). */
export function bodyLimitFor(contentType: string | undefined): number {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return FORM_TYPES.includes(type) ? BODY_LIMITS.form : BODY_LIMITS.json;
}

/** Why this request is refused before the app, or null. Reads the request line and headers only. */
export function requestRefusal(request: { method?: string; url?: string; headers: Record<string, HeaderValue> }): ErrorCode | null {
  const path = (request.url ?? "/").split("?")[0]!;
  try {
    if (decodeURIComponent(path).includes("\u0000")) return "INPUT_INVALID";
  } catch {
    return "INPUT_INVALID";
  }
  const length = single(request.headers["content-length"]);
  const chunked = single(request.headers["transfer-encoding"]) !== undefined;
  if (length === undefined) return chunked ? "REQUEST_TOO_LARGE" : null;
  if (!/^\d{1,15}$/.test(length.trim())) return "INPUT_INVALID";
  return Number(length) > bodyLimitFor(single(request.headers["content-type"])) ? "REQUEST_TOO_LARGE" : null;
}

/** Writes a refusal in the routes' JSON shape, in the request's language, and closes the connection. */
export async function writeRefusal(request: IncomingMessage, response: ServerResponse, code: ErrorCode): Promise<void> {
  const headers = new Headers();
  for (const name of ["accept-language", "x-tweestap-locale"]) {
    const value = single(request.headers[name]);
    if (value) headers.set(name, value);
  }
  const refusal = routeError(headers, code);
  const body = await refusal.text();
  response.writeHead(refusal.status, { ...Object.fromEntries(refusal.headers), "content-length": String(Buffer.byteLength(body)), connection: "close" });
  response.end(body);
  // The body is not read: the connection ends with the answer.
  request.resume();
}

/**
 * The request listener of our server: the client's socket address into x-tweestap-peer (replacing
 * anything a client sends), the refusals above, then the app.
 */
export function gatedListener(handle: (request: IncomingMessage, response: ServerResponse) => unknown) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
    const refusal = requestRefusal(request);
    if (refusal) {
      void writeRefusal(request, response, refusal);
      return;
    }
    void handle(request, response);
  };
}
