import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Request and callback signatures of the HTTP provider contract: `X-Tweestap-Timestamp` (Unix
 * seconds) and `X-Tweestap-Signature: v1=<hex HMAC-SHA-256(secret, "<timestamp>.<body>")>`.
 * Callbacks outside a 5-minute window are refused, so a captured one cannot be used later.
 */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export function signBody(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type SignatureCheck = "ok" | "stale" | "bad";

export function checkSignature(input: { secret: string; timestamp: string | null; signature: string | null; body: string; at: Date }): SignatureCheck {
  if (!input.timestamp || !/^\d{9,11}$/.test(input.timestamp) || !input.signature) return "bad";
  if (Math.abs(Number(input.timestamp) - input.at.getTime() / 1000) > SIGNATURE_WINDOW_SECONDS) return "stale";
  const expected = Buffer.from(signBody(input.secret, input.timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? "ok" : "bad";
}
