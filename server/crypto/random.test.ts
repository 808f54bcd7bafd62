import { describe, expect, it } from "vitest";
import { randomDigits } from "./random";

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
