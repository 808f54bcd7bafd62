/**
 * The shared building blocks for text, references, moments and codes from outside. Every free-text
 * field of a schema is one of these, so a NUL byte, an escape sequence or a bidi override never
 * reaches the database, a page or the log, and a value the database cannot hold is refused as
 * INPUT_INVALID before any query runs.
 */
import { z } from "./zod";

/**
 * What no text of ours may hold: C0 controls (NUL, ESC, …) except tab, line feed and carriage
 * return; DEL and the C1 controls; the bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069: "spoof" text that reads backwards); line and paragraph separators; lone
 * surrogates (not text at all).
 */
const UNSAFE_ANYWHERE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** On one line, tab and line breaks are refused too. */
const LINE_BREAKS = /[\t\n\r]/;

/**
 * Text as a page may show it: any unsafe character (stored before these rules, or by a path that
 * skipped them) becomes a visible U+FFFD, so an escape sequence or a bidi override can never
 * reorder or hide what an agent or a person reads. Line breaks and tabs stay.
 */
export function shownText(value: string): string {
  return value.replace(new RegExp(UNSAFE_ANYWHERE.source, "g"), "\uFFFD");
}

export function hasUnsafeCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  return UNSAFE_ANYWHERE.test(value) || (!options.multiline && LINE_BREAKS.test(value));
}

interface TextOptions {
  min?: number;
  max: number;
  /** Keeps line breaks and tabs (descriptions, replies); otherwise one line. */
  multiline?: boolean;
  /** Message keys for the form (validation.*). */
  minMessage?: string;
  maxMessage?: string;
}

/**
 * A trimmed text field: refuses unsafe characters (message "validation.characters") and enforces
 * its length. The refusal runs before trimming, so a NUL at the edge is refused, not trimmed.
 */
export function safeText({ min = 0, max, multiline = false, minMessage, maxMessage }: TextOptions) {
  let inner = z.string().trim();
  if (min > 0) inner = inner.min(min, minMessage);
  inner = inner.max(max, maxMessage);
  return z
    .string()
    .refine((v) => !hasUnsafeCharacters(v, { multiline }), { message: "validation.characters", abort: true })
    .pipe(inner);
}

/**
 * A secret as typed (password, completion token): never trimmed or changed, any printable
 * character, but no NUL and no lone surrogate (the hash and the driver cannot take those).
 */
export function secretText({ min = 1, max, minMessage, maxMessage }: { min?: number; max: number; minMessage?: string; maxMessage?: string }) {
  return z
    .string()
    .min(min, minMessage)
    .max(max, maxMessage)
    .refine((v) => !/[\u0000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v), { message: "validation.characters" });
}

/** Ticket numbers people quote: 6 to 15 digits, far below 2^53 (no silent rounding) and bigint. */
export const TICKET_NUMBER_MAX_DIGITS = 15;

/** The real years a moment from outside may fall in, once converted to UTC. */
export const EARLIEST_YEAR = 1970;
export const LATEST_YEAR = 9999;

export function isRealMoment(date: Date): boolean {
  const time = date.getTime();
  if (Number.isNaN(time)) return false;
  const year = date.getUTCFullYear();
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** A date from a query string or form ("2026-11-22", ISO 8601), refused outside the real years. */
export const boundedDate = z.coerce.date().refine(isRealMoment, { message: "validation.date" });

/**
 * Digits as people may type them on any keyboard: full-width (１２３), Arabic-Indic (١٢٣),
 * Devanagari and every other decimal digit become ASCII. Nothing else is changed.
 */
export function asciiDigits(value: string): string {
  return value.replace(/\p{Nd}/gu, (digit) => {
    const codePoint = digit.codePointAt(0)!;
    if (codePoint >= 0x30 && codePoint <= 0x39) return digit;
    // Decimal digits come in runs of ten starting at zero: count back to the run's start.
    let start = codePoint;
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
    return String((codePoint - start) % 10);
  });
}

/** A code as typed (six digits, or a recovery code in four groups): spaces and dashes are allowed and ignored; the method checks it. */
export const typedCode = safeText({ min: 1, max: 32, minMessage: "validation.required", maxMessage: "validation.codeForm" });
