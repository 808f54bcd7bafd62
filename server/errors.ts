/**
 * The error-code catalog: every failure the product reports has one stable code here. The catalog
 * says which transport status it becomes, how it is logged, and which help page explains it.
 * People see the message for the code in their language (messages/{nl,en}.json, errors.<CODE>).
 */
export type TransportCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL_SERVER_ERROR"
  | "SERVICE_UNAVAILABLE";

export interface ErrorMeta {
  transport: TransportCode;
  log: "info" | "warn" | "error";
  /** The help page (and later the wizard) that explains this failure. */
  help: string;
}

export const ERROR_CATALOG = {
  SIGN_IN_INVALID_CREDENTIALS: { transport: "UNAUTHORIZED", log: "info", help: "sign-in" },
  RATE_LIMITED: { transport: "TOO_MANY_REQUESTS", log: "warn", help: "sign-in" },
  SIGN_IN_ATTEMPT_EXPIRED: { transport: "BAD_REQUEST", log: "info", help: "sign-in" },
  SIGN_IN_COMPLETION_FAILED: { transport: "UNAUTHORIZED", log: "warn", help: "sign-in" },
  MFA_CODE_INVALID: { transport: "UNAUTHORIZED", log: "info", help: "codes" },
  MFA_CODE_MALFORMED: { transport: "BAD_REQUEST", log: "info", help: "codes" },
  MFA_CODE_EXPIRED: { transport: "UNAUTHORIZED", log: "info", help: "codes" },
  MFA_CODE_SUPERSEDED: { transport: "UNAUTHORIZED", log: "info", help: "codes" },
  MFA_THROTTLED: { transport: "TOO_MANY_REQUESTS", log: "warn", help: "codes" },
  MFA_CALL_UNANSWERED: { transport: "UNAUTHORIZED", log: "info", help: "calls" },
  MFA_CALL_NO_KEYPRESS: { transport: "UNAUTHORIZED", log: "info", help: "calls" },
  MFA_CALL_DECLINED: { transport: "UNAUTHORIZED", log: "info", help: "calls" },
  MFA_CALL_FRAUD_REPORTED: { transport: "FORBIDDEN", log: "warn", help: "calls" },
  PHONE_NUMBER_INVALID: { transport: "BAD_REQUEST", log: "info", help: "phones" },
  PHONE_COUNTRY_NOT_ALLOWED: { transport: "BAD_REQUEST", log: "info", help: "phones" },
  PHONE_CHANNEL_NOT_ALLOWED: { transport: "BAD_REQUEST", log: "info", help: "phones" },
  MFA_METHOD_MANAGED: { transport: "FORBIDDEN", log: "info", help: "methods" },
  DELIVERY_FAILED: { transport: "SERVICE_UNAVAILABLE", log: "warn", help: "delivery" },
  CALLBACK_REJECTED: { transport: "UNAUTHORIZED", log: "warn", help: "general" },
  MFA_CODE_REPLAYED: { transport: "UNAUTHORIZED", log: "warn", help: "codes" },
  MFA_CLOCK_DRIFT: { transport: "UNAUTHORIZED", log: "info", help: "codes" },
  ACCOUNT_LOCKED: { transport: "FORBIDDEN", log: "warn", help: "locked" },
  MFA_REGISTRATION_NOT_ALLOWED: { transport: "FORBIDDEN", log: "info", help: "registration" },
  MFA_FRESH_FACTOR_REQUIRED: { transport: "FORBIDDEN", log: "info", help: "codes" },
  MFA_LAST_METHOD: { transport: "CONFLICT", log: "info", help: "methods" },
  MFA_REGISTRATION_EXPIRED: { transport: "BAD_REQUEST", log: "info", help: "registration" },
  SESSION_REQUIRED: { transport: "UNAUTHORIZED", log: "info", help: "sign-in" },
  ACCESS_DENIED: { transport: "FORBIDDEN", log: "warn", help: "access" },
  ORIGIN_REJECTED: { transport: "FORBIDDEN", log: "warn", help: "browser" },
  INPUT_INVALID: { transport: "BAD_REQUEST", log: "info", help: "input" },
  ENROLMENT_LINK_INVALID: { transport: "BAD_REQUEST", log: "info", help: "enrolment" },
  PASSWORD_REJECTED: { transport: "BAD_REQUEST", log: "info", help: "password" },
  NOT_FOUND: { transport: "NOT_FOUND", log: "info", help: "general" },
  SERVICE_UNAVAILABLE: { transport: "SERVICE_UNAVAILABLE", log: "error", help: "general" },
  INTERNAL_ERROR: { transport: "INTERNAL_SERVER_ERROR", log: "error", help: "general" },
} as const satisfies Record<string, ErrorMeta>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CATALOG, value);
}

export const HTTP_STATUS: Record<TransportCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Values a message may interpolate. Never a secret: these travel to the browser. */
export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** The sign-in this failure belongs to, when there is one (otherwise the request's ID is used). */
  readonly correlationId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    options: { params?: ErrorParams; correlationId?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.params = options.params ?? {};
    this.correlationId = options.correlationId;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get meta(): ErrorMeta {
    return ERROR_CATALOG[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
