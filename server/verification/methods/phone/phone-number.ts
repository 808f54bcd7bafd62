import { parsePhoneNumberFromString, type NumberType, type PhoneNumberType } from "libphonenumber-js/max";
import { AppError } from "../../../core/errors";

/**
 * One rule for phone numbers: parsed and validated as E.164 (libphonenumber-js with its "max"
 * metadata, which knows each number's type), and one masker for showing them: the country code and
 * the last two digits ("+31 •• ••• ••42").
 */
export interface ParsedPhone {
  e164: string;
  country: string | null;
  countryCallingCode: string;
  /** What kind of line it is (mobile, fixed line, premium rate, …); undefined when the plan does not say. */
  type: NumberType;
}

/** Parses what a person typed ("06 1234 5642" with a default country, or "+31 6 12345642"). */
export function parsePhone(input: string, defaultCountry: "NL" | "BE" | "GB" | "DE" = "NL"): ParsedPhone | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? null, countryCallingCode: parsed.countryCallingCode, type: parsed.getType() };
}

/** How we reach a number: a text message (codes) or a call. */
export type PhoneUse = "text" | "call";

/**
 * Which kinds of numbers we text or call (toll fraud: premium-rate, shared-cost, UAN, personal,
 * pager, VoIP and toll-free numbers, and numbers whose kind the plan does not say, are refused).
 * Texts go to mobiles only; calls to mobiles and fixed lines.
 */
const USABLE: Record<PhoneUse, ReadonlySet<PhoneNumberType>> = {
  text: new Set(["MOBILE", "FIXED_LINE_OR_MOBILE"]),
  call: new Set(["MOBILE", "FIXED_LINE_OR_MOBILE", "FIXED_LINE"]),
};

export function phoneTypeAllows(type: NumberType, use: PhoneUse): boolean {
  return type !== undefined && USABLE[use].has(type);
}

/** For a stored number (E.164): may we text or call it? Numbers stored before this rule are checked too. */
export function phoneUsableFor(e164: string, use: PhoneUse): boolean {
  const parsed = parsePhoneNumberFromString(e164);
  return !!parsed && parsed.isValid() && phoneTypeAllows(parsed.getType(), use);
}

/** Refuses a number we would not text or call with PHONE_NUMBER_TYPE_NOT_ALLOWED. */
export function assertPhoneTypeAllowed(parsed: Pick<ParsedPhone, "type">, use: PhoneUse): void {
  if (!phoneTypeAllows(parsed.type, use)) throw new AppError("PHONE_NUMBER_TYPE_NOT_ALLOWED");
}

const BULLET = "\u2022";

/** "+31 •• ••• ••42": enough to recognise your own number, not enough to learn someone else's. */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const callingCode = parsed?.countryCallingCode ?? e164.replace(/^\+/, "").slice(0, 2);
  const national = parsed?.nationalNumber ?? e164.replace(/^\+\d{2}/, "");
  const digits = national.length;
  const masked = BULLET.repeat(Math.max(0, digits - 2)) + national.slice(-2);
  // Groups of 2, 3, then the rest, as the seeds show numbers.
  const groups = [masked.slice(0, 2), masked.slice(2, 5), masked.slice(5)].filter(Boolean);
  return `+${callingCode} ${groups.join(" ")}`;
}
