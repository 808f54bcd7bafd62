import { isErrorCode } from "../core/errors";
import { z } from "../validation/zod";
import { isRealMoment, safeText } from "../validation/text";
import { TICKET_CATEGORIES, TICKET_STATUSES } from "./ticket-values";

/** Ticket references people quote: "TS-000123". */
/** 6 to 15 digits (TICKET_NUMBER_MAX_DIGITS): a longer number cannot be a ticket of ours. */
export const TICKET_REFERENCE_PATTERN = /^TS-(\d{6,15})$/;

export function ticketReference(number: number): string {
  return `TS-${String(number).padStart(6, "0")}`;
}

export function parseTicketReference(reference: string): number | null {
  const match = TICKET_REFERENCE_PATTERN.exec(reference.trim().toUpperCase());
  return match ? Number(match[1]) : null;
}

/** Same shape as the display session ID (server/crypto/random.ts READABLE_ID_PATTERN). */
const DISPLAY_SESSION_ID = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/;

/**
 * A moment with its zone, as error details show it ("2026-11-22 05:12:33 +01:00") or ISO 8601
 * with an offset or Z. A time without a zone is refused: the helpdesk must know which moment.
 */
const TIMESTAMP_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?\s?(Z|[+-]\d{2}:?\d{2})$/;

export function parseTimestampWithZone(value: string): Date | null {
  const m = TIMESTAMP_WITH_ZONE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const offset = zone === "Z" ? "Z" : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? "00"}${offset}`);
  if (!isRealMoment(date)) return null;
  // Reject what Date silently rolls over (2026-02-30 → March 2).
  const local = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
  if (local.getUTCDate() !== Number(d) || local.getUTCHours() !== Number(h)) return null;
  return date;
}

const optionalText = (max: number) =>
  safeText({ max })
    .transform((v) => (v === "" ? undefined : v))
    .optional();

/** The five diagnostic fields (each validated) plus what the wizard measured. */
export const ticketDiagnosticsInput = z.strictObject({
  errorCode: optionalText(64).refine((v) => v === undefined || isErrorCode(v), { message: "validation.errorCode" }),
  correlationId: optionalText(64)
    .refine((v) => v === undefined || z.uuid().safeParse(v).success, { message: "validation.correlationId" })
    .transform((v) => v?.toLowerCase()),
  displaySessionId: optionalText(32)
    .transform((v) => v?.toUpperCase())
    .refine((v) => v === undefined || DISPLAY_SESSION_ID.test(v), { message: "validation.sessionId" }),
  occurredAt: optionalText(64).refine((v) => v === undefined || parseTimestampWithZone(v) !== null, { message: "validation.timestamp" }),
  pageUrl: optionalText(2000).refine((v) => v === undefined || /^https?:\/\//i.test(v), { message: "validation.url" }),
  /** Browser clock minus server clock, measured by the wizard (seconds). */
  clockOffsetSeconds: z
    .number()
    .int()
    .min(-86_400 * 366)
    .max(86_400 * 366)
    .optional(),
});

/** Who is asking, when not signed in (the answer is the same whether the username exists). */
export const anonymousRequesterInput = z.strictObject({
  name: safeText({ min: 1, max: 120, minMessage: "validation.required", maxMessage: "validation.tooLong" }),
  username: safeText({ min: 1, max: 254, minMessage: "validation.required", maxMessage: "validation.tooLong" }),
  contactEmail: z.email("validation.email").max(254, "validation.tooLong"),
});

export const submitTicketInput = z.strictObject({
  category: z.enum(TICKET_CATEGORIES),
  subject: safeText({ min: 3, max: 150, minMessage: "validation.subject", maxMessage: "validation.tooLong" }),
  description: safeText({ min: 10, max: 5000, multiline: true, minMessage: "validation.description", maxMessage: "validation.tooLong" }),
  diagnostics: ticketDiagnosticsInput.optional(),
  /** The wizard run this ticket ends (its answers are attached). */
  wizardRunToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}$/)
    .optional(),
  requester: anonymousRequesterInput.optional(),
  locale: z.enum(["nl", "en"]).default("nl"),
});
export type SubmitTicketInput = z.infer<typeof submitTicketInput>;
/** What the form holds before validation (free text in every field). */
export type SubmitTicketFormValues = z.input<typeof submitTicketInput>;

/** The client's Idempotency-Key header: a retry with it returns the same ticket. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

const replyBody = safeText({ min: 1, max: 5000, multiline: true, minMessage: "validation.required", maxMessage: "validation.tooLong" });

export const ticketReplyInput = z.strictObject({
  body: replyBody,
});

export const staffReplyInput = z.strictObject({
  reference: z.string().regex(TICKET_REFERENCE_PATTERN),
  body: replyBody,
  internal: z.boolean().default(false),
});
export type StaffReplyInput = z.infer<typeof staffReplyInput>;

export const ticketStatusInput = z.strictObject({
  reference: z.string().regex(TICKET_REFERENCE_PATTERN),
  status: z.enum(TICKET_STATUSES),
});

/** A duplicate and the ticket it goes into (the agent types the second reference). */
export const mergeTicketsInput = z.strictObject({
  reference: z.string().regex(TICKET_REFERENCE_PATTERN),
  into: z.string().trim().toUpperCase().regex(TICKET_REFERENCE_PATTERN),
});

export const myTicketInput = z.strictObject({ reference: z.string().regex(TICKET_REFERENCE_PATTERN) });
export const statusTokenInput = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
