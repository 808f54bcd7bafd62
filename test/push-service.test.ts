import { createECDH, createPrivateKey, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkVapid, decryptPushBody } from "./push-service";

const b = (text: string) => Buffer.from(text, "base64url");

// RFC 8291, Appendix A: the browser's keys, the auth secret and the message body it receives.
const RFC8291 = {
  uaPrivate: "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94",
  uaPublic: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
  auth: "BTBZMqHH6r4Tts7J_aSIgg",
  body: "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
};
const rfcKeys = { privateKey: b(RFC8291.uaPrivate), publicKey: b(RFC8291.uaPublic), auth: b(RFC8291.auth) };

describe("the local push service's decryption (RFC 8291)", () => {
  it("decrypts the RFC's example message", () => {
    expect(decryptPushBody(b(RFC8291.body), rfcKeys).toString()).toBe("When I grow up, I want to be a watermelon");
  });

  it("refuses a tampered body and another browser's keys", () => {
    const tampered = b(RFC8291.body);
    tampered[tampered.length - 20]! ^= 1;
    expect(() => decryptPushBody(tampered, rfcKeys)).toThrow();
    const other = createECDH("prime256v1");
    other.generateKeys();
    expect(() => decryptPushBody(b(RFC8291.body), { ...rfcKeys, privateKey: other.getPrivateKey(), publicKey: other.getPublicKey() })).toThrow();
    expect(() => decryptPushBody(b(RFC8291.body), { ...rfcKeys, auth: Buffer.alloc(16, 1) })).toThrow();
  });
});

/** A VAPID key pair, and an Authorization header signed with `signer` (default: the pair itself) for `claims`. */
function vapidPair() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const publicKey = ecdh.getPublicKey();
  const jwk = {
    kty: "EC",
    crv: "P-256",
    x: publicKey.subarray(1, 33).toString("base64url"),
    y: publicKey.subarray(33).toString("base64url"),
    // JWK wants all 32 bytes; a key with leading zeros comes out of ECDH short.
    d: Buffer.concat([Buffer.alloc(32 - ecdh.getPrivateKey().length), ecdh.getPrivateKey()]).toString("base64url"),
  };
  return { publicKey: publicKey.toString("base64url"), privateKey: createPrivateKey({ key: jwk, format: "jwk" }) };
}
function authorization(pair: ReturnType<typeof vapidPair>, claims: object, signer = pair, header: object = { typ: "JWT", alg: "ES256" }): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signed = `${part(header)}.${part(claims)}`;
  const signature = sign("sha256", Buffer.from(signed), { key: signer.privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url");
  return `vapid t=${signed}.${signature}, k=${pair.publicKey}`;
}

describe("the local push service's VAPID check (RFC 8292)", () => {
  const origin = "http://127.0.0.1:4000";
  const at = Date.UTC(2026, 11, 1, 9, 0, 0);
  const exp = at / 1000 + 12 * 3600;
  const ours = vapidPair();
  const claims = { aud: origin, exp, sub: "mailto:no-reply@example.org" };

  it("takes a token signed by the key in k, for this origin, expiring within a day, with a subject", () => {
    expect(checkVapid(authorization(ours, claims), origin, { boundKey: ours.publicKey, nowMs: at })).toEqual({ ok: true, claims, key: ours.publicKey });
  });

  it("refuses a token signed by another key, another key than the subscription's, and a missing header", () => {
    const theirs = vapidPair();
    expect(checkVapid(authorization(ours, claims, theirs), origin, { nowMs: at })).toMatchObject({ ok: false, status: 401, problem: "bad signature" });
    expect(checkVapid(authorization(theirs, claims), origin, { boundKey: ours.publicKey, nowMs: at })).toMatchObject({ ok: false, status: 403 });
    expect(checkVapid(undefined, origin, { nowMs: at })).toMatchObject({ ok: false, status: 401 });
    expect(checkVapid(authorization(ours, claims, ours, { typ: "JWT", alg: "HS256" }), origin, { nowMs: at })).toMatchObject({ ok: false, problem: "alg HS256" });
  });

  it("refuses another audience, an expired token, one that lives longer than 24 hours, and one without a subject", () => {
    const check = (changed: object) => checkVapid(authorization(ours, { ...claims, ...changed }), origin, { nowMs: at });
    expect(check({ aud: "https://push.example.net" })).toMatchObject({ ok: false, problem: "aud https://push.example.net" });
    expect(check({ exp: at / 1000 - 1 })).toMatchObject({ ok: false, problem: "expired" });
    expect(check({ exp: at / 1000 + 24 * 3600 + 1 })).toMatchObject({ ok: false, problem: "exp more than 24 hours ahead" });
    expect(check({ sub: undefined })).toMatchObject({ ok: false, problem: "no subject" });
  });
});
