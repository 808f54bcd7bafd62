import { describe, expect, it } from "vitest";
import { DEMO_PHONES } from "@/server/setup/demo-seed";
import { phoneUsableFor } from "./phone-number";

describe("demo phones", () => {
  it("are mobiles, so the demo can text and call them, or fixed office lines it can only call", () => {
    const phones = Object.values(DEMO_PHONES).flat();
    expect(phones.length).toBeGreaterThan(0);
    for (const { e164, role } of phones) {
      const office = role === "office";
      expect({ e164, text: phoneUsableFor(e164, "text"), call: phoneUsableFor(e164, "call") }).toEqual({ e164, text: !office, call: true });
    }
    expect(phones.some((p) => p.role === "office")).toBe(true);
  });
});
