import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { TEST_KEYS } from "@/test/test-keys";

const run = promisify(execFile);

function productionEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TWEESTAP_MODE: "production",
    DATA_DIR: dataDir,
    PUBLIC_URL: "https://mfa.example.org",
    ...TEST_KEYS,
  };
  return env;
}

describe("npm run setup", () => {
  it("creates the organisation and first administrator once, printing a one-time enrolment link", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweestap-setup-"));
    const args = ["tsx", "scripts/setup.ts", "--organisation", "Acme", "--username", "Root", "--name", "Root Admin", "--locale", "en"];
    const first = await run("npx", args, { env: productionEnv(dataDir), timeout: 60_000 });
    expect(first.stdout).toContain('Organisation "Acme" created (production mode).');
    expect(first.stdout).toMatch(/https:\/\/mfa\.example\.org\/en\/enrol#[A-Za-z0-9_-]{43}/);
    const second = await run("npx", args, { env: productionEnv(dataDir), timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in second && second.code).toBe(1);
    expect((second as { stderr: string }).stderr).toContain("already has an organisation");
  });

  it("refuses to run in production without keys, naming what is missing", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweestap-setup-"));
    const env: NodeJS.ProcessEnv = { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, TWEESTAP_MODE: "production", DATA_DIR: dataDir };
    const result = await run("npx", ["tsx", "scripts/setup.ts", "--organisation", "A", "--username", "root", "--name", "R"], { env, timeout: 60_000 }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toContain("missing settings: PUBLIC_URL, AUTH_SECRET, ENCRYPTION_KEYS, HASH_KEY, VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY");
  });
});
