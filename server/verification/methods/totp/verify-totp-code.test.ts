import { createHmac } from "node:crypto";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode } from "@/server/crypto/base32";
import { checkTotpCode, totpCodeAt, type TotpParameters } from "./verify-totp-code";

const ascii = (s: string) => new TextEncoder().encode(s);
const seed20 = ascii("12345678901234567890");
const seed32 = ascii("12345678901234567890123456789012");
const seed64 = ascii("1234567890123456789012345678901234567890123456789012345678901234");

describe("RFC 4226 Appendix D (HOTP, SHA-1)", () => {
  const hmacs = [
    "cc93cf18508d94934c64b65d8ba7667fb7cde4b0",
    "75a48a19d4cbe100644e8ac1397eea747a2d33ab",
    "0bacb7fa082fef30782211938bc1c5e70416ff44",
    "66c28227d03a2d5529262ff016a1e6ef76557ece",
    "a904c900a64b35909874b33e61c5938a8e15ed1c",
    "a37e783d7b7233c083d4f62926c7a25f238d0316",
    "bc9cd28561042c83f219324d3c607256c03272ae",
    "a4fb960c0bc06e1eabb804e5b397cdc4b45596fa",
    "1b3c89f65e6c9e883012052823443f048b4332db",
    "1637409809a679dc698207310c8c7fc07290d9e5",
  ];
  const codes = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it.each(codes.map((code, counter) => [counter, code, hmacs[counter]!]))("counter %i → %s", async (counter, code, hmac) => {
    const counterBytes = Buffer.alloc(8);
    counterBytes.writeBigUInt64BE(BigInt(counter));
    expect(createHmac("sha1", seed20).update(counterBytes).digest("hex")).toBe(hmac);
    expect(await generate({ secret: seed20, strategy: "hotp", counter })).toBe(code);
  });
});

describe("RFC 6238 Appendix B (TOTP, 30 s, 8 digits)", () => {
  const rows: Array<[number, string, string, string]> = [
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ];
  it.each(rows)("T = %i", async (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    const base = { digits: 8, period: 30 };
    expect(await totpCodeAt({ ...base, secret: seed20, algorithm: "sha1" }, at)).toBe(sha1);
    expect(await totpCodeAt({ ...base, secret: seed32, algorithm: "sha256" }, at)).toBe(sha256);
    expect(await totpCodeAt({ ...base, secret: seed64, algorithm: "sha512" }, at)).toBe(sha512);
  });

  it("the SHA-256 key is used as given: the 20-byte seed gives another code (no padding)", async () => {
    expect(await totpCodeAt({ secret: seed20, algorithm: "sha256", digits: 8, period: 30 }, new Date(59_000))).toBe("32247374");
  });
});

describe("the verifier", () => {
  const params: TotpParameters = { secret: seed20, algorithm: "sha1", digits: 6, period: 30 };
  const now = new Date(1_800_000_015_000); // 15 s into a step
  const codeAt = (offsetSeconds: number) => totpCodeAt(params, new Date(now.getTime() + offsetSeconds * 1000));

  it("accepts the current step and one either side, nothing further", async () => {
    expect((await checkTotpCode(params, await codeAt(0), now, null)).kind).toBe("match");
    expect((await checkTotpCode(params, await codeAt(-30), now, null)).kind).toBe("match");
    expect((await checkTotpCode(params, await codeAt(30), now, null)).kind).toBe("match");
    expect((await checkTotpCode(params, await codeAt(-60), now, null)).kind).toBe("drift");
    expect((await checkTotpCode(params, await codeAt(60), now, null)).kind).toBe("drift");
  });

  it("never accepts a step at or before the last used one", async () => {
    const first = await checkTotpCode(params, await codeAt(0), now, null);
    expect(first.kind).toBe("match");
    const step = (first as { timeStep: number }).timeStep;
    expect((await checkTotpCode(params, await codeAt(0), now, step)).kind).toBe("replayed");
    expect((await checkTotpCode(params, await codeAt(-30), now, step)).kind).toBe("replayed");
    expect((await checkTotpCode(params, await codeAt(30), now, step)).kind).toBe("match");
  });

  it("tells how far the phone's clock is off, and which way", async () => {
    expect(await checkTotpCode(params, await codeAt(-180), now, null)).toEqual({ kind: "drift", offsetSeconds: -180 });
    expect(await checkTotpCode(params, await codeAt(120), now, null)).toEqual({ kind: "drift", offsetSeconds: 120 });
    expect(await checkTotpCode(params, await codeAt(-900), now, null)).toEqual({ kind: "wrong" });
  });

  it("after a sign-in, a phone whose clock fell behind still hears about its clock", async () => {
    const used = await checkTotpCode(params, await codeAt(0), now, null);
    const step = (used as { timeStep: number }).timeStep;
    expect(await checkTotpCode(params, await codeAt(-180), now, step)).toEqual({ kind: "drift", offsetSeconds: -180 });
  });

  it("rejects malformed input with a kind, never an exception", async () => {
    for (const code of ["12345", "1234567", "12a456", "１２３４５６", " 123456", "", "123 456"]) {
      expect((await checkTotpCode(params, code, now, null)).kind).toBe("malformed");
    }
  });

  it("a wrong code is wrong", async () => {
    const right = await codeAt(0);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect((await checkTotpCode(params, wrong, now, null)).kind).toMatch(/wrong|drift/);
  });
});

describe("base32", () => {
  it("round-trips and matches the RFC seeds' known encodings", () => {
    expect(base32Encode(seed20)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Encode(seed32)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA");
    expect(Buffer.from(base32Decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq")!).toString()).toBe("12345678901234567890");
    expect(base32Decode("not base32!")).toBeNull();
  });
});
