/**
 * How the authenticator proves a request comes from the device that was activated: every request
 * is signed with the device's private key (ECDSA P-256 with SHA-256, made with WebCrypto and never
 * exportable), over one canonical string, and checked here with the public key registered at
 * activation (node:crypto's WebCrypto, the same algorithm the device uses).
 *
 *   tweestap-push-v1\n<purpose>\n<deviceId>\n<ts>\n<challengeId>\n<nonce>\n<decision>\n<number>
 *
 * purpose "requests" (list the open requests), "answer" or "events" (the event stream); deviceId
 * the device's ID (its push method's ID); ts Unix time in seconds by the device's clock; the other
 * fields empty unless the purpose has them. The signature is IEEE P1363 (r‖s, 64 bytes), base64url.
 */
import { webcrypto } from "node:crypto";

export const SIGNATURE_VERSION = "tweestap-push-v1";
export const DEVICE_PURPOSES = ["requests", "answer", "events"] as const;
export type DevicePurpose = (typeof DEVICE_PURPOSES)[number];
/** How far the device's clock may be from ours (seconds) before its signed request is refused. */
export const DEVICE_CLOCK_TOLERANCE_SECONDS = 5 * 60;

export interface SignedFields {
  purpose: DevicePurpose;
  deviceId: string;
  /** Unix seconds, by the device's clock. */
  ts: number;
  challengeId?: string;
  nonce?: string;
  decision?: string;
  number?: string;
}

/** The exact bytes a device signs. */
export function canonicalString(fields: SignedFields): string {
  return [SIGNATURE_VERSION, fields.purpose, fields.deviceId, String(fields.ts), fields.challengeId ?? "", fields.nonce ?? "", fields.decision ?? "", fields.number ?? ""].join(
    "\n",
  );
}

/** A public key as the device registers it: P-256, the public part only (a JWK with `d` is refused). */
export interface PublicKeyJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
}

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;

/** The key as WebCrypto uses it, or null when it is not a point on P-256. */
export async function importDeviceKey(jwk: PublicKeyJwk): Promise<webcrypto.CryptoKey | null> {
  try {
    return await webcrypto.subtle.importKey("jwk", { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, ext: true }, ALGORITHM, false, ["verify"]);
  } catch {
    return null;
  }
}

/** True when `signature` (base64url P1363) is the device key's signature over the fields. */
export async function signatureValid(jwk: PublicKeyJwk, fields: SignedFields, signature: string): Promise<boolean> {
  const key = await importDeviceKey(jwk);
  if (!key) return false;
  const bytes = Buffer.from(signature, "base64url");
  if (bytes.length !== 64) return false;
  return webcrypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, bytes, new TextEncoder().encode(canonicalString(fields)));
}

/** How far the device's clock is from ours, in seconds (positive: the device is ahead). */
export function clockOffsetSeconds(ts: number, at: Date): number {
  return Math.round(ts - at.getTime() / 1000);
}
