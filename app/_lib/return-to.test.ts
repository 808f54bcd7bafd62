import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

describe("return after sign-in", () => {
  it("only to our own help runs and tickets", () => {
    expect(safeReturnTo("/help/runs/abcdefghijklmnopqrstuvwxyz012345")).toBe("/help/runs/abcdefghijklmnopqrstuvwxyz012345");
    expect(safeReturnTo("/tickets/TS-000123")).toBe("/tickets/TS-000123");
    for (const bad of ["//evil.example/x", "https://evil.example", "/help/runs/../../admin", "/admin/people", "/tickets/x?y=1", null, 5]) {
      expect(safeReturnTo(bad)).toBeNull();
    }
  });
});
