import { describe, expect, it } from "vitest";
import { keyVersionOf, open, seal } from "./secret-box";
import { keyedHash, keyedHashEquals } from "./keyed-hash";

describe("secret box", () => {
  it("round-trips, with a fresh nonce each time and no plaintext in the envelope", () => {
    const secret = Buffer.from("JBSWY3DPEHPK3PXP-seed");
    const a = seal(secret, "person-1|credential-1");
    const b = seal(secret, "person-1|credential-1");
    expect(a).not.toBe(b);
    expect(a.startsWith("sb1.1.")).toBe(true);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(open(a, "person-1|credential-1").equals(secret)).toBe(true);
    expect(keyVersionOf(a)).toBe(1);
  });

  it("refuses a ciphertext moved to another row, or tampered with", () => {
    const sealed = seal(Buffer.from("seed"), "person-1|credential-1");
    expect(() => open(sealed, "person-2|credential-1")).toThrow();
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0]! ^= 1;
    expect(() => open([...parts.slice(0, 3), body.toString("base64url")].join("."), "person-1|credential-1")).toThrow();
    expect(() => open("sb1.9.x.y", "a")).toThrow("no key version 9");
  });
});

describe("keyed hash", () => {
  it("depends on the purpose, is versioned, and compares in constant time", () => {
    const h = keyedHash("completion-token", "abc");
    expect(h.startsWith("h1:")).toBe(true);
    expect(keyedHash("attempt-cookie", "abc")).not.toBe(h);
    expect(keyedHashEquals("completion-token", "abc", h)).toBe(true);
    expect(keyedHashEquals("completion-token", "abd", h)).toBe(false);
  });
});
