import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalString, clockOffsetSeconds, type PublicKeyJwk, type SignedFields, signatureValid } from "./device-signature";

async function phone() {
  const pair = (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const jwk = (await webcrypto.subtle.exportKey("jwk", pair.publicKey)) as PublicKeyJwk;
  const sign = async (text: string) =>
    Buffer.from(await webcrypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, new TextEncoder().encode(text))).toString("base64url");
  return { jwk, sign };
}

const answer: SignedFields = {
  purpose: "answer",
  deviceId: "7f0c1c9e-0000-4000-8000-000000000001",
  ts: 1_800_000_000,
  challengeId: "7f0c1c9e-0000-4000-8000-000000000002",
  nonce: "bm9uY2Utbm9uY2Utbm9uY2U",
  decision: "approve",
  number: "47",
};

describe("the device's signature (ECDSA P-256, SHA-256, IEEE P1363, base64url)", () => {
  it("signs exactly the documented string: version, purpose, device, time, request, nonce, decision, number, one per line", () => {
    expect(canonicalString(answer)).toBe(
      "tweestap-push-v1\nanswer\n7f0c1c9e-0000-4000-8000-000000000001\n1800000000\n7f0c1c9e-0000-4000-8000-000000000002\nbm9uY2Utbm9uY2Utbm9uY2U\napprove\n47",
    );
    // A listing has no request fields: they are empty lines.
    expect(canonicalString({ purpose: "requests", deviceId: answer.deviceId, ts: 5 })).toBe(`tweestap-push-v1\nrequests\n${answer.deviceId}\n5\n\n\n\n`);
  });

  it("accepts the device key's signature and nothing else: another field, another key, another shape", async () => {
    const device = await phone();
    const signature = await device.sign(canonicalString(answer));
    expect(Buffer.from(signature, "base64url")).toHaveLength(64);
    expect(await signatureValid(device.jwk, answer, signature)).toBe(true);
    for (const changed of [{ number: "48" }, { decision: "deny" }, { nonce: "x" }, { ts: answer.ts + 1 }, { purpose: "requests" as const }, { challengeId: "" }]) {
      expect(await signatureValid(device.jwk, { ...answer, ...changed }, signature)).toBe(false);
    }
    const other = await phone();
    expect(await signatureValid(other.jwk, answer, signature)).toBe(false);
    expect(await signatureValid(device.jwk, answer, signature.slice(0, 40))).toBe(false);
    expect(await signatureValid({ kty: "EC", crv: "P-256", x: "A".repeat(43), y: "A".repeat(43) }, answer, signature)).toBe(false);
  });

  it("says how far the device's clock is from ours", () => {
    expect(clockOffsetSeconds(1_800_000_090, new Date(1_800_000_000_000))).toBe(90);
    expect(clockOffsetSeconds(1_799_999_700, new Date(1_800_000_000_000))).toBe(-300);
  });
});
