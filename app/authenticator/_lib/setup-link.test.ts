import { describe, expect, it } from "vitest";
import { base32Encode } from "@/server/crypto/base32";
import { otpauthFor } from "@/server/verification/methods/totp/totp-secrets";
import { defaultLabel, parseSetupLink, setupFromKey } from "./setup-link";

const seed = Uint8Array.from({ length: 20 }, (_, i) => i * 7 + 3);
const secret = base32Encode(seed);

describe("parseSetupLink", () => {
  it("reads the link the portal's QR code holds: organisation, account, key and the defaults", () => {
    const { uri } = otpauthFor({ issuer: "Tweestap Demo", accountName: "anna", seed });
    const result = parseSetupLink(uri);
    expect(result).toEqual({ ok: true, setup: { issuer: "Tweestap Demo", accountName: "anna", secret: seed, settings: { algorithm: "SHA-1", digits: 6, period: 30 } } });
  });

  it("takes the organisation from the label when the link has no issuer parameter, and other parameters", () => {
    const result = parseSetupLink(`  otpauth://totp/Acme%20Corp:jo%40acme.test?secret=${secret.toLowerCase()}&algorithm=sha256&digits=8&period=60 `);
    expect(result).toEqual({ ok: true, setup: { issuer: "Acme Corp", accountName: "jo@acme.test", secret: seed, settings: { algorithm: "SHA-256", digits: 8, period: 60 } } });
  });

  it("names what is wrong with a link", () => {
    const cases: Array<[string, string]> = [
      ["hello", "notALink"],
      [`https://example.test/totp/a?secret=${secret}`, "notALink"],
      [`otpauth://hotp/Acme:jo?secret=${secret}&counter=1`, "notTimeBased"],
      ["otpauth://totp/Acme:jo", "noKey"],
      ["otpauth://totp/Acme:jo?secret=not-base32!", "keyNotBase32"],
      ["otpauth://totp/Acme:jo?secret=ABCDEFGH", "keyTooShort"],
      [`otpauth://totp/Acme:jo?secret=${"A".repeat(120)}`, "keyTooLong"],
      [`otpauth://totp/Acme:?secret=${secret}`, "noName"],
      [`otpauth://totp/Acme:jo?secret=${secret}&algorithm=MD5`, "algorithm"],
      [`otpauth://totp/Acme:jo?secret=${secret}&digits=4`, "digits"],
      [`otpauth://totp/Acme:jo?secret=${secret}&period=abc`, "period"],
      [`otpauth://totp/${"x".repeat(101)}?secret=${secret}`, "nameTooLong"],
    ];
    for (const [link, problem] of cases) expect({ link, result: parseSetupLink(link) }).toEqual({ link, result: { ok: false, problem } });
  });
});

describe("setupFromKey", () => {
  it("takes the key as shown on the portal (groups of four) with a name and an optional organisation", () => {
    const { manualKey } = otpauthFor({ issuer: "Tweestap Demo", accountName: "anna", seed });
    expect(setupFromKey({ accountName: " anna ", issuer: "", key: manualKey })).toEqual({
      ok: true,
      setup: { issuer: "", accountName: "anna", secret: seed, settings: { algorithm: "SHA-1", digits: 6, period: 30 } },
    });
  });

  it("wants a name and a key", () => {
    expect(setupFromKey({ accountName: "", issuer: "Acme", key: secret })).toEqual({ ok: false, problem: "noName" });
    expect(setupFromKey({ accountName: "jo", issuer: "", key: "  " })).toEqual({ ok: false, problem: "noKey" });
  });
});

describe("defaultLabel", () => {
  it("names the organisation and the account, or the account alone", () => {
    expect(defaultLabel({ issuer: "Tweestap Demo", accountName: "anna" })).toBe("Tweestap Demo (anna)");
    expect(defaultLabel({ issuer: "", accountName: "anna" })).toBe("anna");
  });
});
