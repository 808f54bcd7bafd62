import { describe, expect, it } from "vitest";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";

// Runs in the serial integration project: alone on the machine, so other tests' load does not
// make one path look slower than the other.
describe("password step timing", () => {
  it("unknown username and wrong password take comparable time (medians within 20% over 20 tries)", async () => {
    // Two people, so neither reaches the per-account slowdown (20 failures an hour) in 22 tries.
    const people = [await createTestPerson(), await createTestPerson()];
    const timings = { unknown: [] as number[], wrong: [] as number[] };
    const attempt = async (kind: "unknown" | "wrong", i: number) => {
      const started = performance.now();
      const response = await new Browser().call("signIn.password", {
        username: kind === "unknown" ? `ghost-${i}` : people[Math.abs(i) % 2]!.username,
        password: "not the password",
      });
      expect(response.status).toBe(401);
      return performance.now() - started;
    };
    // Warm both paths (the dummy hash is made on first use), then measure in pairs whose order
    // alternates, so neither path always runs first.
    for (let i = 0; i < 2; i++) {
      await attempt("unknown", -1 - i);
      await attempt("wrong", -1 - i);
    }
    for (let i = 0; i < 20; i++) {
      const order = i % 2 === 0 ? (["unknown", "wrong"] as const) : (["wrong", "unknown"] as const);
      for (const kind of order) timings[kind].push(await attempt(kind, i));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(timings.unknown) / median(timings.wrong);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.2);
  });
});
