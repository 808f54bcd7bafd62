import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "../core/env";

/**
 * Versioned AES-256-GCM envelope for secrets at rest (TOTP seeds, hardware-token keys):
 * "sb1.<keyVersion>.<nonce>.<ciphertext+tag>" (base64url parts). The associated data binds a
 * ciphertext to its row (e.g. person ID + credential ID), so a ciphertext moved to another row
 * does not decrypt.
 */
const PREFIX = "sb1";

export function seal(plaintext: Buffer, associatedData: string): string {
  const env = getEnv();
  const version = env.currentKeyVersion;
  const key = env.encryptionKeys.get(version)!;
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return [PREFIX, String(version), nonce.toString("base64url"), body.toString("base64url")].join(".");
}

export function open(envelope: string, associatedData: string): Buffer {
  const [prefix, versionText, nonceText, bodyText] = envelope.split(".");
  if (prefix !== PREFIX || !versionText || !nonceText || !bodyText) throw new Error("secret box: unknown envelope");
  const key = getEnv().encryptionKeys.get(Number(versionText));
  if (!key) throw new Error(`secret box: no key version ${versionText}`);
  const body = Buffer.from(bodyText, "base64url");
  if (body.length < 16) throw new Error("secret box: truncated envelope");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonceText, "base64url"));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}

/** The key version an envelope was sealed with (for re-encryption after rotation). */
export function keyVersionOf(envelope: string): number {
  return Number(envelope.split(".")[1]);
}
