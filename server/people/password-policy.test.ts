import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";
import { hashPassword, passwordNeedsRehash, verifyPassword } from "../crypto/password-hash";

describe("password rules", () => {
  it("refuses short, common and username passwords; accepts long passphrases without composition rules", () => {
    expect(passwordProblem("short", "anna")).toBe("too_short");
    expect(passwordProblem("password1234", "anna")).toBe("too_common");
    expect(passwordProblem("qwertyuiop123", "anna")).toBe("too_common");
    expect(passwordProblem("anna-loves-the-sea", "anna")).toBe("contains_username");
    expect(passwordProblem("lamp river orange bicycle", "anna")).toBeNull();
    expect(passwordProblem("🐸".repeat(64), "anna")).toBeNull();
    expect(passwordProblem("a".repeat(257), "anna")).toBe("too_long");
  });

  it("counts Unicode code points, not UTF-16 units", () => {
    expect(passwordProblem("🐸".repeat(11), "anna")).toBe("too_short");
    expect(passwordProblem("🐸".repeat(12), "anna")).toBeNull();
  });
});

describe("password hashing", () => {
  it("uses argon2id with m=19456, t=2, p=1, and verifies NFKC-equivalent input", async () => {
    const hash = await hashPassword("ﬁsh and chips forever");
    const [, algorithm, version, params] = hash.split("$");
    expect([algorithm, version]).toEqual(["argon2id", "v=19"]);
    expect(Object.fromEntries(params!.split(",").map((p) => p.split("=")))).toEqual({ m: "19456", t: "2", p: "1" });
    expect(await verifyPassword(hash, "fish and chips forever")).toBe(true);
    expect(await verifyPassword(hash, "fish and chips forever!")).toBe(false);
    expect(passwordNeedsRehash(hash)).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });

  it("a change at character 65 and beyond still changes the result (no truncation)", async () => {
    const long = "x".repeat(64);
    const hash = await hashPassword(`${long}a`);
    expect(await verifyPassword(hash, `${long}b`)).toBe(false);
  });
});
