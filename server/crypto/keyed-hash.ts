import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "../core/env";

/**
 * Keyed hash (HMAC-SHA-256) for high-entropy secrets we only need to recognise again: completion
 * tokens, attempt-cookie bindings, enrolment links. Versioned so the scheme can change ("h1:").
 * Low-entropy codes get a purpose in `domain` so a hash from one use never matches another.
 */
export function keyedHash(domain: string, value: string): string {
  const mac = createHmac("sha256", getEnv().hashKey).update(`${domain}\u0000${value}`).digest("base64url");
  return `h1:${mac}`;
}

export function keyedHashEquals(domain: string, value: string, expected: string): boolean {
  const actual = Buffer.from(keyedHash(domain, value));
  const wanted = Buffer.from(expected);
  return actual.length === wanted.length && timingSafeEqual(actual, wanted);
}
