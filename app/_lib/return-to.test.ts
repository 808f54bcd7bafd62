import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

describe("return after sign-in", () => {
  it("only to our own help runs, tickets, identity checks and the administrators' approvals", () => {
    expect(safeReturnTo("/help/runs/abcdefghijklmnopqrstuvwxyz012345")).toBe("/help/runs/abcdefghijklmnopqrstuvwxyz012345");
    expect(safeReturnTo("/tickets/TS-000123")).toBe("/tickets/TS-000123");
    expect(safeReturnTo("/confirm-identity/0f8fad5b-d9cb-469f-a165-70867728950e")).toBe("/confirm-identity/0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(safeReturnTo("/admin/approvals")).toBe("/admin/approvals");
    for (const bad of [
      "/admin/approvals/x",
      "//evil.example/x",
      "https://evil.example",
      "/help/runs/../../admin",
      "/admin/people",
      "/tickets/x?y=1",
      "/confirm-identity/x",
      "/confirm-identity/0f8fad5b-d9cb-469f-a165-70867728950e/../../admin",
      null,
      5,
    ]) {
      expect(safeReturnTo(bad)).toBeNull();
    }
  });
});
