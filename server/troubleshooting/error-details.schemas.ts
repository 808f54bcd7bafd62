/**
 * Reads the five error-detail fields back out of text people paste: the Copy text of an error
 * panel (either language), or loose text from an email, a chat or a screenshot's OCR.
 * Shared by browser forms and the server, so no node imports here.
 */
import { ERROR_CODES, isErrorCode } from "../core/errors";
import { z } from "../validation/zod";
import { isRealMoment } from "../validation/text";

/** The five fields as a wizard run keeps them (the database row type, for forms and pages). */
export type { ErrorDetailsFieldsRow } from "@/db/schema/troubleshooting";

/** Longest paste we read (characters). */
export const MAX_ERROR_DETAILS_TEXT = 10_000;

/**
 * The display session ID: "7KQ3-M2XD-9PTA". A copy of READABLE_ID_PATTERN in
 * server/crypto/random.ts (which imports node:crypto, so it cannot be imported here); a unit test
 * keeps the two equal.
 */
export const DISPLAY_SESSION_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/;

/** A UUID by shape only (any version nibble): correlation IDs are crypto.randomUUID(). */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Origin and path only: the query and fragment may carry tokens. */
function stripQueryAndFragment(value: string): string {
  try {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`;
  } catch {
    return value; // Not a URL: the url check has already failed.
  }
}

export const errorDetailsFieldsSchema = z.object({
  errorCode: z.enum(ERROR_CODES).optional(),
  correlationId: z.string().trim().toLowerCase().regex(UUID_PATTERN).optional(),
  displaySessionId: z.string().trim().toUpperCase().regex(DISPLAY_SESSION_ID_PATTERN).optional(),
  /** ISO 8601 with an offset or Z: the moment, and the offset the person saw it in. */
  occurredAt: z.iso
    .datetime({ offset: true })
    .refine((v) => isRealMoment(new Date(v)))
    .optional(),
  pageUrl: z
    .url({ protocol: /^https?$/ })
    .overwrite(stripQueryAndFragment)
    .max(2000)
    .optional(),
});
export type ErrorDetailsFields = z.infer<typeof errorDetailsFieldsSchema>;
type Field = keyof ErrorDetailsFields;

export type ParseResult = { ok: true; fields: ErrorDetailsFields; found: Array<keyof ErrorDetailsFields> } | { ok: false; reason: "empty" | "too_long" | "nothing_recognised" };

/** Schema order: the order of `found`. */
const FIELDS: readonly Field[] = ["errorCode", "correlationId", "displaySessionId", "occurredAt", "pageUrl"];

/** The field's schema applied to one candidate: its normalised value, or undefined. */
function validField(field: Field, candidate: string): string | undefined {
  const schema = errorDetailsFieldsSchema.shape[field] as unknown as z.ZodType<string | undefined>;
  const result = schema.safeParse(candidate);
  return result.success ? result.data : undefined;
}

// ---------------------------------------------------------------------------------------------
// Time zones

/** The zone a time without an offset is read in (where the people this service serves are). */
const FALLBACK_TIME_ZONE = "Europe/Amsterdam";
let amsterdamFormat: Intl.DateTimeFormat | undefined;

/** Europe/Amsterdam's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function amsterdamOffsetMinutes(instant: Date): number {
  amsterdamFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: FALLBACK_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const parts = amsterdamFormat.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour") % 24, part("minute"), part("second"));
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wall - whole) / 60_000);
}

/** The Amsterdam offset for a wall-clock time there (given as UTC milliseconds of that wall time). */
function amsterdamOffsetForWallTime(wallMs: number): number {
  const first = amsterdamOffsetMinutes(new Date(wallMs));
  const second = amsterdamOffsetMinutes(new Date(wallMs - first * 60_000));
  return second;
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return "Z";
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Loose scanners: each returns the first valid, normalised value in a text.

/** Characters that continue an ID: a match next to one is part of something longer. */
const ID_CHAR = /[0-9A-Za-z_-]/;

/** The first match whose neighbours are not ID characters and whose value passes `accept`. */
function firstStandalone(text: string, pattern: RegExp, accept: (token: string) => string | undefined): string | undefined {
  for (const match of text.matchAll(pattern)) {
    const before = text[match.index - 1];
    const after = text[match.index + match[0].length];
    if ((before !== undefined && ID_CHAR.test(before)) || (after !== undefined && ID_CHAR.test(after))) continue;
    const value = accept(match[0]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A catalog code as a whole word; exact (upper) case first, then any case. */
function scanErrorCode(text: string): string | undefined {
  const words = [...text.matchAll(/[A-Za-z0-9_]+/g)].map((m) => m[0]);
  const exact = words.find((w) => /^[A-Z][A-Z0-9_]+$/.test(w) && isErrorCode(w));
  if (exact) return exact;
  // Any case, but only words with an underscore: a plain word is prose, not a code.
  return words.map((w) => w.toUpperCase()).find((w) => w.includes("_") && /^[A-Z][A-Z0-9_]+$/.test(w) && isErrorCode(w));
}

function scanCorrelationId(text: string): string | undefined {
  return firstStandalone(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (t) => validField("correlationId", t));
}

/** Exactly three groups of four: not part of a longer dashed run. */
function scanSessionId(text: string): string | undefined {
  return firstStandalone(text, /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/gi, (t) => validField("displaySessionId", t));
}

/** Offset: Z, UTC, GMT, ±hh, ±hhmm, ±hh:mm (optionally after UTC/GMT); not the start of a word. */
const OFFSET = String.raw`(?:[^\S\r\n]*((?:UTC|GMT)?[+-]\d{2}(?::?\d{2})?|Z|UTC|GMT)(?![0-9A-Za-z]))?`;
/** 2026-11-22 05:12:33 +01:00, 2026-11-22T05:12:33.123Z, 2026-11-22T05:12:33+0100, … */
const YEAR_FIRST = new RegExp(`${String.raw`(\d{4})-(\d{2})-(\d{2})(?:[Tt]|[^\S\r\n]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?` + OFFSET}(?![0-9])`, "g");
/** Day first, as Dutch people write: 22-11-2026 05:12:33 +01:00, 22/11/2026 05:12, 22.11.2026 om 9.15. */
const DAY_FIRST = new RegExp(
  `${String.raw`(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[Tt]|,?[^\S\r\n]+(?:(?:[Oo]m|[Aa]t)[^\S\r\n]+)?)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?`}${OFFSET}(?![0-9])`,
  "g",
);

interface TimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string | undefined;
  offset: string | undefined;
}

/** An ISO string for the parts, or undefined for an impossible date, time or offset. */
function toIsoTimestamp(p: TimeParts): string | undefined {
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return undefined;
  const wallMs = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const wall = new Date(wallMs);
  // Date rolls impossible dates over (2026-02-30 → March 2): refuse those.
  if (wall.getUTCFullYear() !== p.year || wall.getUTCMonth() !== p.month - 1 || wall.getUTCDate() !== p.day) return undefined;

  let offsetMinutes: number;
  if (p.offset === undefined) {
    offsetMinutes = amsterdamOffsetForWallTime(wallMs);
  } else {
    const zone = p.offset.toUpperCase().replace(/^(UTC|GMT)/, "");
    if (zone === "" || zone === "Z") {
      offsetMinutes = 0;
    } else {
      const hours = Number(zone.slice(1, 3));
      const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
      if (hours > 14 || minutes > 59) return undefined;
      offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
    }
  }

  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const ms = p.fraction === undefined ? "" : `.${p.fraction.slice(0, 3).padEnd(3, "0")}`;
  const iso = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${ms}${formatOffset(offsetMinutes)}`;
  return validField("occurredAt", iso);
}

function scanTimestamp(text: string): string | undefined {
  const candidates: Array<{ index: number; value: string }> = [];
  for (const [pattern, read] of [
    [
      YEAR_FIRST,
      (m: RegExpMatchArray): TimeParts => ({
        year: Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        hour: Number(m[4]),
        minute: Number(m[5]),
        second: Number(m[6] ?? 0),
        fraction: m[7],
        offset: m[8],
      }),
    ],
    [
      DAY_FIRST,
      (m: RegExpMatchArray): TimeParts => ({
        year: Number(m[4]),
        month: Number(m[3]),
        day: Number(m[1]),
        hour: Number(m[5]),
        minute: Number(m[6]),
        second: Number(m[7] ?? 0),
        fraction: undefined,
        offset: m[8],
      }),
    ],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const before = text[match.index - 1];
      if (before !== undefined && /[0-9]/.test(before)) continue;
      const value = toIsoTimestamp(read(match));
      if (value !== undefined) {
        candidates.push({ index: match.index, value });
        break;
      }
    }
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0]?.value;
}

/** Punctuation that ends the sentence around a URL rather than the URL. */
const TRAILING_PUNCTUATION = new Set([...".,;:!?)]}'\"»"]);

/** The first http(s) URL, without punctuation that ends the sentence around it. */
function scanPageUrl(text: string): string | undefined {
  for (const match of text.matchAll(/https?:\/\/[^\s<>"'`]+/gi)) {
    let end = match[0].length;
    while (end > 0 && TRAILING_PUNCTUATION.has(match[0][end - 1]!)) end--;
    const value = validField("pageUrl", match[0].slice(0, end));
    if (value !== undefined) return value;
  }
  return undefined;
}

const SCANNERS: Record<Field, (text: string) => string | undefined> = {
  errorCode: scanErrorCode,
  correlationId: scanCorrelationId,
  displaySessionId: scanSessionId,
  occurredAt: scanTimestamp,
  pageUrl: scanPageUrl,
};

// ---------------------------------------------------------------------------------------------
// Labelled lines

/**
 * "Error code: X" in either language and any case: an optional bullet (or quote marker), then
 * the label, then a colon, "=" or a tab. The groups follow FIELDS; the last group is the value.
 */
const LABELLED_LINE = new RegExp(
  String.raw`^\s*(?:[-*•·–—>]\s*)*` +
    String.raw`(?:(error[\s_-]*code|fout[\s_-]*code)|(correlati(?:on|e)[\s_-]*id)|(sess(?:ion|ie)[\s_-]*id)` +
    String.raw`|(time[\s_-]*stamp|tijd[\s_-]*stip)|(page(?:[\s_-]*url)?|pagina))` +
    String.raw`(?:\s*[:=]|[ \u00a0]*\t)(.*)$`,
  "i",
);

/** "none" / "geen": the panel had no value for the field. */
const NO_VALUE = /^(?:none|geen)$/i;

/**
 * The error-detail fields in a pasted text. Labelled lines win; a field without a (valid)
 * labelled value is looked for anywhere in the text, except when its label said "none"/"geen".
 */
export function parseErrorDetailsText(text: string): ParseResult {
  if (text.length > MAX_ERROR_DETAILS_TEXT) return { ok: false, reason: "too_long" };
  if (text.trim() === "") return { ok: false, reason: "empty" };

  const labelled: Partial<Record<Field, string>> = {};
  const saidNone = new Set<Field>();
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const match = LABELLED_LINE.exec(line);
    if (!match) continue;
    const index = FIELDS.findIndex((_, i) => match[i + 1] !== undefined);
    const field = FIELDS[index];
    if (field === undefined || labelled[field] !== undefined) continue;
    const value = (match[FIELDS.length + 1] ?? "").trim();
    if (NO_VALUE.test(value)) {
      saidNone.add(field);
      continue;
    }
    const found = SCANNERS[field](value);
    if (found !== undefined) labelled[field] = found;
  }

  const collected: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const value = labelled[field] ?? (saidNone.has(field) ? undefined : SCANNERS[field](text));
    if (value !== undefined) collected[field] = value;
  }

  const found = FIELDS.filter((field) => collected[field] !== undefined);
  if (found.length === 0) return { ok: false, reason: "nothing_recognised" };
  return { ok: true, fields: errorDetailsFieldsSchema.parse(collected), found };
}
