import { describe, expect, it } from "vitest";
import { DEMO_PHONES } from "@/server/setup/demo-seed";
import { phoneUsableFor } from "./phone-number";

describe("demo phones", () => {
  it("are mobiles, so the demo can text and call them", () => {
    const numbers = Object.values(DEMO_PHONES).flatMap((phones) => phones.map((p) => p.e164));
    expect(numbers.length).toBeGreaterThan(0);
    for (const e164 of numbers) {
      expect({ e164, text: phoneUsableFor(e164, "text"), call: phoneUsableFor(e164, "call") }).toEqual({ e164, text: true, call: true });
    }
  });
});
