import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";

const run = promisify(execFile);

// Two separate processes can only share a database server; PGlite is one process by design.
describe.runIf(Boolean(process.env.DATABASE_URL))("password-step limits across two app processes on one Postgres", () => {
  it("the per-address limit of 10 failures a minute holds across both processes", async () => {
    await getDb(); // the worker's database exists and is migrated
    const ip = "192.0.2.77";
    const startAt = String(Date.now() + 4000);
    const child = () =>
      run("npx", ["tsx", "test/fixtures/password-tries.ts", ip, "8", startAt], { env: process.env, timeout: 60_000 }).then(
        (r) => JSON.parse(r.stdout.trim().split("\n").pop()!) as string[],
      );
    const [a, b] = await Promise.all([child(), child()]);
    const all = [...a, ...b];
    expect(all.filter((o) => o === "SIGN_IN_INVALID_CREDENTIALS")).toHaveLength(10);
    expect(all.filter((o) => o === "RATE_LIMITED")).toHaveLength(6);
    // Both processes saw failures: they really interleaved.
    expect(a.some((o) => o === "SIGN_IN_INVALID_CREDENTIALS")).toBe(true);
    expect(b.some((o) => o === "SIGN_IN_INVALID_CREDENTIALS")).toBe(true);
  });
});
