/**
 * The error-code catalog: every failure the product reports has one stable code here. The catalog
 * says which transport status it becomes, how it is logged, and which help page explains it.
 * People see the message for the code in their language (messages/{nl,en}.json, errors.<CODE>).
 */
import type { WizardId } from "../troubleshooting/wizard-ids";

export type TransportCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "METHOD_NOT_SUPPORTED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL_SERVER_ERROR"
  | "SERVICE_UNAVAILABLE";

export interface ErrorMeta {
  transport: TransportCode;
  log: "info" | "warn" | "error";
  /** The troubleshooting wizard that helps with this failure (Get help opens it). */
  wizard: WizardId;
}

export const ERROR_CATALOG = {
  SIGN_IN_INVALID_CREDENTIALS: { transport: "UNAUTHORIZED", log: "info", wizard: "error-code" },
  RATE_LIMITED: { transport: "TOO_MANY_REQUESTS", log: "warn", wizard: "error-code" },
  SIGN_IN_SLOWED_DOWN: { transport: "TOO_MANY_REQUESTS", log: "warn", wizard: "error-code" },
  SIGN_IN_CHALLENGE_REQUIRED: { transport: "TOO_MANY_REQUESTS", log: "warn", wizard: "error-code" },
  SIGN_IN_ATTEMPT_EXPIRED: { transport: "BAD_REQUEST", log: "info", wizard: "error-code" },
  SIGN_IN_COMPLETION_FAILED: { transport: "UNAUTHORIZED", log: "warn", wizard: "error-code" },
  MFA_CODE_INVALID: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  MFA_CODE_MALFORMED: { transport: "BAD_REQUEST", log: "info", wizard: "no-code" },
  MFA_CODE_EXPIRED: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  MFA_CODE_SUPERSEDED: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  MFA_THROTTLED: { transport: "TOO_MANY_REQUESTS", log: "warn", wizard: "no-code" },
  MFA_CALL_UNANSWERED: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  MFA_CALL_NO_KEYPRESS: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  MFA_CALL_DECLINED: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  MFA_CALL_FRAUD_REPORTED: { transport: "FORBIDDEN", log: "warn", wizard: "lost-phone" },
  MFA_CALL_WRONG_NUMBER: { transport: "UNAUTHORIZED", log: "warn", wizard: "no-code" },
  MFA_PUSH_TIMEOUT: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  MFA_PUSH_WRONG_NUMBER: { transport: "UNAUTHORIZED", log: "warn", wizard: "no-code" },
  MFA_PUSH_DENIED: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  MFA_PUSH_REPORTED: { transport: "FORBIDDEN", log: "warn", wizard: "lost-phone" },
  /** Push fatigue: at most 3 push requests per 10 minutes without a success. */
  MFA_PUSH_LIMIT: { transport: "TOO_MANY_REQUESTS", log: "warn", wizard: "no-code" },
  /** The server no longer knows the authenticator on this device (removed, or never activated). */
  MFA_DEVICE_NOT_ACTIVATED: { transport: "UNAUTHORIZED", log: "info", wizard: "new-device" },
  /** The device's signature over its request did not verify. */
  MFA_DEVICE_SIGNATURE_INVALID: { transport: "UNAUTHORIZED", log: "warn", wizard: "new-device" },
  /** The device's clock is more than 5 minutes off ours, so its signed request is refused. */
  MFA_DEVICE_CLOCK_OFF: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  /** An answer to a push request that is no longer open: answered, expired, another device's or another request's. */
  MFA_PUSH_REQUEST_CLOSED: { transport: "CONFLICT", log: "warn", wizard: "no-code" },
  MFA_ACTIVATION_CODE_WRONG: { transport: "BAD_REQUEST", log: "warn", wizard: "new-device" },
  MFA_ACTIVATION_EXPIRED: { transport: "BAD_REQUEST", log: "info", wizard: "new-device" },
  PHONE_NUMBER_INVALID: { transport: "BAD_REQUEST", log: "info", wizard: "new-number" },
  PHONE_COUNTRY_NOT_ALLOWED: { transport: "BAD_REQUEST", log: "info", wizard: "new-number" },
  PHONE_CHANNEL_NOT_ALLOWED: { transport: "BAD_REQUEST", log: "info", wizard: "new-number" },
  PHONE_NUMBER_TYPE_NOT_ALLOWED: { transport: "BAD_REQUEST", log: "info", wizard: "new-number" },
  MFA_METHOD_MANAGED: { transport: "FORBIDDEN", log: "info", wizard: "error-code" },
  DELIVERY_FAILED: { transport: "SERVICE_UNAVAILABLE", log: "warn", wizard: "no-code" },
  CALLBACK_REJECTED: { transport: "UNAUTHORIZED", log: "warn", wizard: "error-code" },
  MFA_CODE_REPLAYED: { transport: "UNAUTHORIZED", log: "warn", wizard: "no-code" },
  MFA_CLOCK_DRIFT: { transport: "UNAUTHORIZED", log: "info", wizard: "no-code" },
  ACCOUNT_LOCKED: { transport: "FORBIDDEN", log: "warn", wizard: "no-code" },
  MFA_REGISTRATION_NOT_ALLOWED: { transport: "FORBIDDEN", log: "info", wizard: "not-prompted" },
  MFA_FRESH_FACTOR_REQUIRED: { transport: "FORBIDDEN", log: "info", wizard: "error-code" },
  MFA_LAST_METHOD: { transport: "CONFLICT", log: "info", wizard: "cant-disable" },
  /** Removing it would leave only a last resort (recovery codes), which cannot be the only way in. */
  MFA_LAST_RESORT_ONLY: { transport: "CONFLICT", log: "info", wizard: "cant-disable" },
  MFA_REGISTRATION_EXPIRED: { transport: "BAD_REQUEST", log: "info", wizard: "new-device" },
  SESSION_REQUIRED: { transport: "UNAUTHORIZED", log: "info", wizard: "error-code" },
  ACCESS_DENIED: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  ORIGIN_REJECTED: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  INPUT_INVALID: { transport: "BAD_REQUEST", log: "info", wizard: "error-code" },
  /** A body over our limit (1 MB JSON, 256 KB forms), a body without a stated length, or too many calls in one batch. */
  REQUEST_TOO_LARGE: { transport: "PAYLOAD_TOO_LARGE", log: "warn", wizard: "error-code" },
  /** A body in a form the route does not take (text/plain where a form or JSON is expected). */
  UNSUPPORTED_MEDIA_TYPE: { transport: "UNSUPPORTED_MEDIA_TYPE", log: "info", wizard: "error-code" },
  /** GET where only POST is served (or the reverse). */
  METHOD_NOT_ALLOWED: { transport: "METHOD_NOT_SUPPORTED", log: "info", wizard: "error-code" },
  ENROLMENT_LINK_INVALID: { transport: "BAD_REQUEST", log: "info", wizard: "error-code" },
  PASSWORD_REJECTED: { transport: "BAD_REQUEST", log: "info", wizard: "error-code" },
  MFA_PASS_INVALID: { transport: "UNAUTHORIZED", log: "warn", wizard: "lost-phone" },
  MFA_RECOVERY_CODE_USED: { transport: "UNAUTHORIZED", log: "warn", wizard: "lost-phone" },
  MFA_PASS_METHOD_TOO_NEW: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_NO_EMAIL: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  STAFF_AUTHENTICATOR_REQUIRED: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_VERIFICATION_REQUIRED: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_CODE_WRONG: { transport: "BAD_REQUEST", log: "warn", wizard: "error-code" },
  HELPDESK_CODE_EXPIRED: { transport: "BAD_REQUEST", log: "info", wizard: "error-code" },
  HELPDESK_NO_METHOD: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  HELPDESK_NO_ACCOUNT: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  HELPDESK_SELF_NOT_ALLOWED: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_SELF_APPROVAL: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_APPROVER_ROLE_TOO_LOW: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_APPROVAL_REQUIRED: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_NO_MANAGER: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  HELPDESK_MANAGER_NOT_CONFIRMED: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_MANAGER_CONFLICT: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_IDENTITY_CHECK_NOT_ALLOWED: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_IN_PERSON_ONLY: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  HELPDESK_FACTS_NOT_SHOWN: { transport: "CONFLICT", log: "warn", wizard: "error-code" },
  IDEMPOTENCY_KEY_REQUIRED: { transport: "BAD_REQUEST", log: "info", wizard: "error-code" },
  IDEMPOTENCY_KEY_REUSED: { transport: "CONFLICT", log: "warn", wizard: "error-code" },
  PERSON_EXISTS: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  ADMIN_SELF_CHANGE: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  ADMIN_SELF_APPROVAL: { transport: "FORBIDDEN", log: "warn", wizard: "error-code" },
  ADMIN_APPROVAL_CLOSED: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  ADMIN_APPROVAL_STALE: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  TICKET_ALREADY_CLAIMED: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  TICKET_CLOSED: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  TICKET_MERGE_INVALID: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  TICKET_MERGE_DIRECTION: { transport: "CONFLICT", log: "info", wizard: "error-code" },
  NOT_FOUND: { transport: "NOT_FOUND", log: "info", wizard: "error-code" },
  SERVICE_UNAVAILABLE: { transport: "SERVICE_UNAVAILABLE", log: "error", wizard: "error-code" },
  INTERNAL_ERROR: { transport: "INTERNAL_SERVER_ERROR", log: "error", wizard: "error-code" },
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
  METHOD_NOT_SUPPORTED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
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

  constructor(code: ErrorCode, options: { params?: ErrorParams; correlationId?: string; retryAfterSeconds?: number; cause?: unknown } = {}) {
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
