import { describe, expect, it } from "vitest";
import { randomDigitString, randomDigits } from "./random";

describe("randomDigits (the number a call asks for)", () => {
  it("gives numbers of the asked length without a leading zero, spread over the whole range", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const digits = randomDigits(2);
      expect(digits).toMatch(/^[1-9][0-9]$/);
      seen.add(digits);
    }
    // 90 possible values; 3000 draws from the CSPRNG miss none of them in practice.
    expect(seen.size).toBe(90);
    expect(randomDigits(4)).toMatch(/^[1-9][0-9]{3}$/);
  });

  it("refuses lengths it cannot give", () => {
    expect(() => randomDigits(0)).toThrow(RangeError);
    expect(() => randomDigits(10)).toThrow(RangeError);
  });
});

describe("randomDigitString (an activation code)", () => {
  it("gives exactly the asked number of digits, leading zeros included, every digit at every place", () => {
    const seen = Array.from({ length: 15 }, () => new Set<string>());
    for (let i = 0; i < 400; i++) {
      const code = randomDigitString(15);
      expect(code).toMatch(/^[0-9]{15}$/);
      for (const [place, digit] of [...code].entries()) seen[place]!.add(digit);
    }
    expect(seen.every((digits) => digits.size === 10)).toBe(true);
    expect(() => randomDigitString(0)).toThrow(RangeError);
  });
});
