import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * One rule for phone numbers: parsed and validated as E.164 (libphonenumber-js), and one masker
 * for showing them: the country code and the last two digits ("+31 •• ••• ••42").
 */
export interface ParsedPhone {
  e164: string;
  country: string | null;
  countryCallingCode: string;
}

/** Parses what a person typed ("06 1234 5642" with a default country, or "+31 6 12345642"). */
export function parsePhone(input: string, defaultCountry: "NL" | "BE" | "GB" | "DE" = "NL"): ParsedPhone | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!parsed || !parsed.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? null, countryCallingCode: parsed.countryCallingCode };
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
