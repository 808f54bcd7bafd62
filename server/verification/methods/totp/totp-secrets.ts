import { randomBytes } from "node:crypto";
import { generateURI } from "otplib";
import { base32Encode } from "../../../crypto/base32";
import { open, seal } from "../../../crypto/secret-box";
import type { TotpParameters } from "./verify-totp-code";

/** 160-bit seeds from the CSPRNG (RFC 4226 §4 R6 recommends 160 bits). */
export const TOTP_SEED_BYTES = 20;

export function newTotpSeed(): Uint8Array {
  return new Uint8Array(randomBytes(TOTP_SEED_BYTES));
}

/** The associated data that binds a sealed seed to its person and method. */
function binding(personId: string, methodId: string): string {
  return `totp|${personId}|${methodId}`;
}

export function sealTotpSeed(personId: string, methodId: string, seed: Uint8Array): string {
  return seal(Buffer.from(seed), binding(personId, methodId));
}

export function openTotpSeed(personId: string, methodId: string, envelope: string): Uint8Array {
  return new Uint8Array(open(envelope, binding(personId, methodId)));
}

export function totpParameters(seed: Uint8Array, row: { algorithm: "sha1" | "sha256" | "sha512"; digits: number; period: number }): TotpParameters {
  return { secret: seed, algorithm: row.algorithm, digits: row.digits, period: row.period };
}

/** What an authenticator app needs: the otpauth URI (for the QR code) and the key typed by hand. */
export function otpauthFor(input: { issuer: string; accountName: string; seed: Uint8Array }): { uri: string; manualKey: string } {
  const secret = base32Encode(input.seed);
  return {
    uri: generateURI({ issuer: input.issuer, label: input.accountName, secret, algorithm: "sha1", digits: 6, period: 30 }),
    manualKey: secret.replace(/(.{4})/g, "$1 ").trim(),
  };
}
