/**
 * jesse's phone in the end-to-end tests: his demo device key and device ID, derived from the e2e
 * server's HASH_KEY exactly as server/setup/demo-seed.ts does (demoPushKey, demoPushDeviceId), with
 * the companion authenticator in code (test/support/companion.ts) talking to the server over HTTP.
 */
import { createECDH, createHmac } from "node:crypto";
import { fetchTransport, TestCompanion } from "../../test/support/companion";
import { demoHashKey } from "./authenticator";

const P256_ORDER = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

export function demoPushKey(username: string): { kty: "EC"; crv: "P-256"; x: string; y: string; d: string } {
  for (let round = 0; ; round++) {
    const d = createHmac("sha256", demoHashKey()).update(`demo-push-key:${username}:${round}`).digest();
    const scalar = BigInt(`0x${d.toString("hex")}`);
    if (scalar === 0n || scalar >= P256_ORDER) continue;
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(d);
    const point = ecdh.getPublicKey();
    return { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url"), d: d.toString("base64url") };
  }
}

export function demoPushDeviceId(username: string): string {
  const h = createHmac("sha256", demoHashKey()).update(`demo-push-device:${username}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A demo person's activated phone. */
export function demoPhone(username: string, baseUrl: string): Promise<TestCompanion> {
  return TestCompanion.withKey(fetchTransport(baseUrl), demoPushKey(username), demoPushDeviceId(username));
}

/** A new phone (a fresh key pair), not yet activated. */
export function newPhone(baseUrl: string): Promise<TestCompanion> {
  return TestCompanion.create(fetchTransport(baseUrl));
}
