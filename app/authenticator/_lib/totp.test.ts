import { describe, expect, it } from "vitest";
import { groupCode, hotp, importTotpKey, totpAt, type TotpAlgorithm } from "./totp";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("HOTP (RFC 4226 appendix D)", () => {
  // Secret "12345678901234567890", counters 0 … 9.
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];

  it("gives the test vectors for counters 0 to 9", async () => {
    const key = await importTotpKey(ascii("12345678901234567890"), "SHA-1");
    const codes = await Promise.all(expected.map((_, counter) => hotp(key, counter, 6)));
    expect(codes).toEqual(expected);
  });

  it("keeps the key non-extractable", async () => {
    const key = await importTotpKey(ascii("12345678901234567890"), "SHA-1");
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey("raw", key)).rejects.toThrow();
  });
});

describe("TOTP (RFC 6238 appendix B)", () => {
  const secrets: Record<TotpAlgorithm, string> = {
    "SHA-1": "12345678901234567890",
    "SHA-256": "12345678901234567890123456789012",
    "SHA-512": "1234567890123456789012345678901234567890123456789012345678901234",
  };
  const vectors: Array<[number, Record<TotpAlgorithm, string>]> = [
    [59, { "SHA-1": "94287082", "SHA-256": "46119246", "SHA-512": "90693936" }],
    [1111111109, { "SHA-1": "07081804", "SHA-256": "68084774", "SHA-512": "25091201" }],
    [1111111111, { "SHA-1": "14050471", "SHA-256": "67062674", "SHA-512": "99943326" }],
    [1234567890, { "SHA-1": "89005924", "SHA-256": "91819424", "SHA-512": "93441116" }],
    [2000000000, { "SHA-1": "69279037", "SHA-256": "90698825", "SHA-512": "38618901" }],
    [20000000000, { "SHA-1": "65353130", "SHA-256": "77737706", "SHA-512": "47863826" }],
  ];

  for (const algorithm of ["SHA-1", "SHA-256", "SHA-512"] as const) {
    it(`gives the 8-digit test vectors with ${algorithm}`, async () => {
      const key = await importTotpKey(ascii(secrets[algorithm]), algorithm);
      for (const [time, codes] of vectors) {
        expect({ time, code: (await totpAt(key, { digits: 8, period: 30 }, time * 1000)).code }).toEqual({ time, code: codes[algorithm] });
      }
    });
  }

  it("counts the seconds left in the step and names the step", async () => {
    const key = await importTotpKey(ascii(secrets["SHA-1"]), "SHA-1");
    expect(await totpAt(key, { digits: 6, period: 30 }, 59_000)).toEqual({ code: "287082", secondsLeft: 1, step: 1 });
    expect(await totpAt(key, { digits: 6, period: 30 }, 60_000)).toMatchObject({ secondsLeft: 30, step: 2 });
    expect(await totpAt(key, { digits: 6, period: 30 }, 60_999)).toMatchObject({ secondsLeft: 30, step: 2 });
  });
});

describe("groupCode", () => {
  it("splits a code in two halves for reading", () => {
    expect(groupCode("123456")).toBe("123 456");
    expect(groupCode("12345678")).toBe("1234 5678");
    expect(groupCode("1234567")).toBe("1234 567");
  });
});
