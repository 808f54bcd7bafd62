import { describe, expect, it } from "vitest";
import { needsSecondAdmin } from "./admin-changes";

const person = (role: "person" | "agent" | "admin") => ({
  kind: "create_person" as const,
  person: { username: "x", displayName: "X", email: "x@example.test", locale: "nl" as const, role },
});
const role = (from: "person" | "agent" | "admin", to: "person" | "agent" | "admin") => ({ kind: "set_role" as const, personId: "p", from, to });

describe("which administrator changes need a second administrator", () => {
  it("adding staff, granting staff roles, taking the administrator role away and recording a manager do; the rest does not", () => {
    expect([person("person"), person("agent"), person("admin")].map(needsSecondAdmin)).toEqual([false, true, true]);
    expect(
      [role("person", "agent"), role("person", "admin"), role("agent", "admin"), role("admin", "agent"), role("admin", "person"), role("agent", "person")].map(needsSecondAdmin),
    ).toEqual([true, true, true, true, true, false]);
    expect(needsSecondAdmin({ kind: "set_manager", personId: "p", from: null, to: "m" })).toBe(true);
    expect(needsSecondAdmin({ kind: "set_manager", personId: "p", from: "m", to: "n" })).toBe(true);
    expect(needsSecondAdmin({ kind: "set_manager", personId: "p", from: "m", to: null })).toBe(false);
  });
});
