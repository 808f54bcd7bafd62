/**
 * One-time codes as the phone computes them: HOTP (RFC 4226) over the time step (RFC 6238), with
 * WebCrypto's HMAC, so the companion authenticator needs no library for it and the secret stays a
 * non-extractable key. (otplib stays inside the server's totp method and the tests that play the
 * phone; this is the phone itself.)
 */
export const TOTP_ALGORITHMS = ["SHA-1", "SHA-256", "SHA-512"] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];

export interface TotpSettings {
  algorithm: TotpAlgorithm;
  /** 6 to 8. */
  digits: number;
  /** Seconds per step, usually 30. */
  period: number;
}

export const DEFAULT_TOTP: TotpSettings = { algorithm: "SHA-1", digits: 6, period: 30 };

/** The secret as an HMAC key that can sign (compute codes) but never be exported again. */
export function importTotpKey(secret: Uint8Array, algorithm: TotpAlgorithm): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new Uint8Array(secret), { name: "HMAC", hash: algorithm }, false, ["sign"]);
}

/** RFC 4226 §5.3: HMAC of the 8-byte counter, dynamic truncation, the last `digits` digits. */
export async function hotp(key: CryptoKey, counter: number, digits: number): Promise<string> {
  const message = new DataView(new ArrayBuffer(8));
  message.setUint32(0, Math.floor(counter / 2 ** 32));
  message.setUint32(4, counter >>> 0);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message.buffer));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

export interface TotpNow {
  code: string;
  /** Whole seconds until the next code (1 … period). */
  secondsLeft: number;
  step: number;
}

/** The code at `epochMs` (RFC 6238 §4: T = floor(unix time / period), T0 = 0). */
export async function totpAt(key: CryptoKey, settings: Pick<TotpSettings, "digits" | "period">, epochMs: number): Promise<TotpNow> {
  const seconds = Math.floor(epochMs / 1000);
  const step = Math.floor(seconds / settings.period);
  return { code: await hotp(key, step, settings.digits), secondsLeft: settings.period - (seconds % settings.period), step };
}

/** A code in two halves for reading ("123 456", "1234 5678"). */
export function groupCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
