import { randomBytes, randomInt, randomUUID } from "node:crypto";

/** A URL-safe token with `bytes` bytes of entropy (default 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function newCorrelationId(): string {
  return randomUUID();
}

// Crockford base32 without I, L, O, U: easy to read aloud over the phone.
const READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `count` characters from the readable alphabet (5 bits each), from the CSPRNG. */
export function readableChars(count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += READABLE[randomInt(READABLE.length)];
  return out;
}

/**
 * Typed readable characters as the alphabet has them: upper case, only letters and digits, and the
 * look-alikes people type for the left-out letters (O → 0, I and L → 1).
 */
export function normalizeReadable(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

export const READABLE_CHARS = /^[0-9A-HJKMNP-TV-Z]*$/;

/** A short ID people read to the helpdesk, grouped in fours: "7KQ3-M2XD-9PTA" (60 bits). */
export function readableId(groups = 3): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) parts.push(readableChars(4));
  return parts.join("-");
}

export const READABLE_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/;

/** A number of `count` digits (no leading zero, so it reads as a number: "47"), from the CSPRNG. */
export function randomDigits(count: number): string {
  if (!Number.isInteger(count) || count < 1 || count > 9) throw new RangeError("randomDigits: 1 to 9 digits");
  return String(randomInt(10 ** (count - 1), 10 ** count));
}

/** `count` digits, each from the CSPRNG, leading zeros included (a code typed as digits: log2(10) ≈ 3.32 bits each). */
export function randomDigitString(count: number): string {
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new RangeError("randomDigitString: 1 to 64 digits");
  let out = "";
  for (let i = 0; i < count; i++) out += String(randomInt(10));
  return out;
}
