import { describe, expect, it } from "vitest";
import { formatWithOffset, safePageUrl } from "./format";

describe("error detail formatting", () => {
  it("timestamps carry their offset", () => {
    expect(formatWithOffset(new Date("2026-11-22T10:05:09Z"))).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/);
  });

  it("the page address never carries a query or fragment (they may hold tokens)", () => {
    expect(safePageUrl({ origin: "https://mfa.example.org", pathname: "/nl/enrol" })).toBe("https://mfa.example.org/nl/enrol");
  });
});
