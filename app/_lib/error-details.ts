import { TRPCClientError } from "@trpc/client";
import type { ErrorCode, ErrorParams } from "@/server/core/errors";

/** What an error panel needs to show: the five fields people give the helpdesk, plus params. */
export interface ErrorDetails {
  code: ErrorCode;
  params: ErrorParams;
  correlationId: string | null;
  displaySessionId: string | null;
  at: string;
  issues?: Array<{ path: string; message: string }>;
}

interface ErrorDataShape {
  appCode?: ErrorCode;
  params?: ErrorParams;
  correlationId?: string;
  displaySessionId?: string | null;
  at?: string;
  issues?: Array<{ path: string; message: string }>;
}

/** Turns any failure of a tRPC call into error details (a network failure is SERVICE_UNAVAILABLE). */
export function toErrorDetails(error: unknown): ErrorDetails {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorDataShape;
    if (data.appCode) {
      return {
        code: data.appCode,
        params: data.params ?? {},
        correlationId: data.correlationId ?? null,
        displaySessionId: data.displaySessionId ?? null,
        at: data.at ?? new Date().toISOString(),
        issues: data.issues,
      };
    }
    return { code: "SERVICE_UNAVAILABLE", params: {}, correlationId: null, displaySessionId: null, at: new Date().toISOString() };
  }
  return { code: "INTERNAL_ERROR", params: {}, correlationId: null, displaySessionId: null, at: new Date().toISOString() };
}
