/**
 * tRPC, in short numbered sections:
 * 1. context: the request facts every procedure may use;
 * 2. initialisation and the error formatter (catalog code + message in the caller's language);
 * 3. the app-error middleware (AppError → transport status, Retry-After).
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { FetchCreateContextFnOptions } from "@trpc/server/adapters/fetch";
import { ZodError } from "zod";
import { now } from "../core/clock";
import { newCorrelationId } from "../crypto/random";
import { ERROR_CATALOG, isAppError, type ErrorCode, type ErrorParams } from "../core/errors";
import { requestInfo, type RequestInfo } from "../http/request-info";
import { errorMessage, pickLocale, type AppLocale } from "../i18n/translate";
import { errorSummary, log } from "../core/log";

// 1. Context
export interface Context {
  request: RequestInfo;
  locale: AppLocale;
  /** Correlation ID of this request, used when a failure belongs to no sign-in. */
  requestId: string;
  resHeaders: Headers;
  /** The client's Idempotency-Key header (ticket submission), validated by the use case. */
  idempotencyKey: string | null;
}

export function createContext({ req, resHeaders }: FetchCreateContextFnOptions): Context {
  return {
    request: requestInfo(req.headers, (cookie) => resHeaders.append("set-cookie", cookie)),
    locale: pickLocale(req.headers),
    requestId: newCorrelationId(),
    resHeaders,
    idempotencyKey: req.headers.get("idempotency-key"),
  };
}

// 2. Initialisation
export interface ErrorData {
  appCode: ErrorCode;
  params: ErrorParams;
  correlationId: string;
  displaySessionId: string | null;
  at: string;
  issues?: Array<{ path: string; message: string }>;
}

function describe(error: TRPCError): { code: ErrorCode; params: ErrorParams; correlationId?: string; issues?: ErrorData["issues"] } {
  const cause = error.cause;
  if (isAppError(cause)) return { code: cause.code, params: cause.params, correlationId: cause.correlationId };
  if (cause instanceof ZodError) {
    return { code: "INPUT_INVALID", params: {}, issues: cause.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  }
  // tRPC's own refusals, each with the catalog code whose status tRPC sends (405, 413, 415 included).
  if (error.code === "PARSE_ERROR" || error.code === "BAD_REQUEST") return { code: "INPUT_INVALID", params: {} };
  if (error.code === "UNSUPPORTED_MEDIA_TYPE") return { code: "UNSUPPORTED_MEDIA_TYPE", params: {} };
  if (error.code === "METHOD_NOT_SUPPORTED") return { code: "METHOD_NOT_ALLOWED", params: {} };
  if (error.code === "PAYLOAD_TOO_LARGE") return { code: "REQUEST_TOO_LARGE", params: {} };
  if (error.code === "NOT_FOUND") return { code: "NOT_FOUND", params: {} };
  return { code: "INTERNAL_ERROR", params: {} };
}

/** Who may call a procedure; every procedure declares it (a generated test checks each one). */
export interface ProcedureMeta {
  access: "public" | "person" | "agent" | "admin";
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const described = describe(error);
      const correlationId = described.correlationId ?? ctx?.requestId ?? newCorrelationId();
      if (described.code === "INTERNAL_ERROR") {
        log("error", "trpc.internal_error", { correlationId, path: shape.data.path ?? null, error: errorSummary(error.cause ?? error) });
      }
      const data: ErrorData = {
        appCode: described.code,
        params: described.params,
        correlationId,
        displaySessionId: ctx?.request.displaySessionId ?? null,
        at: now().toISOString(),
        ...(described.issues ? { issues: described.issues } : {}),
      };
      return {
        code: shape.code,
        message: errorMessage(ctx?.locale ?? "nl", described.code, described.params),
        data: { ...data, code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path },
      };
    },
  });

// 3. App errors become their catalog's transport status; limits send Retry-After.
const appErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) {
    const appError = result.error.cause;
    if (appError.retryAfterSeconds) ctx.resHeaders.set("Retry-After", String(appError.retryAfterSeconds));
    throw new TRPCError({ code: ERROR_CATALOG[appError.code].transport, message: appError.code, cause: appError });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const baseProcedure = t.procedure.use(appErrors);
export const middleware = t.middleware;
