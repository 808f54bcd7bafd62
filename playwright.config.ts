/**
 * End-to-end tests: one production build (`next build`) served by our own server (scripts/serve.ts)
 * in demo mode, on a fresh temporary data directory (never .data/), with the test clock on.
 *
 * Two projects, because moving the server clock changes time for every test running at that moment:
 * - journeys: everything that does not move the clock (parallel, at most 2 workers);
 * - clock:    specs under e2e/clock/ that move it; one at a time, after journeys, clock reset after each.
 * Every test gets its own client address (X-Forwarded-For, believed from the trusted local peer), so
 * one test's rate limits never reach another (see e2e/fixtures.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomInt } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets several checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
const AUTHENTICATOR_BASE_URL = `http://127.0.0.1:${PORT}`;
const CI = Boolean(process.env.CI);

// This file is loaded by the runner and again by every worker: settle the run-wide values once, in
// the runner, and hand them to the workers (and the web server) through the environment.
if (!process.env.TWEESTAP_E2E_DATA_DIR) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweestap-e2e-"));
  process.env.TWEESTAP_E2E_DATA_DIR = dataDir;
  // The runner exits after the web server has been stopped: the database can go then.
  process.once("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
}
process.env.TWEESTAP_E2E_IP_SEED ??= String(randomInt(0, 10_000));
process.env.TWEESTAP_E2E_BASE_URL ??= BASE_URL;
process.env.TWEESTAP_E2E_AUTHENTICATOR_URL ??= AUTHENTICATOR_BASE_URL;

// The e2e server runs on its own fresh PGlite with generated demo keys: never on a database or keys
// that happen to be set in the calling shell (the web server inherits this process's environment).
for (const name of [
  "DATABASE_URL",
  "AUTHENTICATOR_URL",
  "PGLITE_DIR",
  "AUTH_SECRET",
  "ENCRYPTION_KEYS",
  "HASH_KEY",
  "VAPID_PUBLIC_KEY",
  "VAPID_PRIVATE_KEY",
  "INSTANCE_ID",
  "NODE_ENV",
]) {
  delete process.env[name];
}

const chromium = fs.existsSync("/usr/bin/chromium")
  ? {
      launchOptions: {
        executablePath: "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
      },
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    ...devices["Desktop Chrome"],
    ...chromium,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    // So a test can check what the Copy button put on the clipboard.
    permissions: ["clipboard-read", "clipboard-write"],
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: "journeys",
      testIgnore: ["clock/**"],
    },
    {
      name: "clock",
      testMatch: ["clock/**/*.spec.ts"],
      dependencies: ["journeys"],
      fullyParallel: false,
      workers: 1,
    },
  ],
  webServer: {
    command: "npm run build && npm start",
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: !CI && !process.env.E2E_PORT,
    // The build takes one to three minutes on two cores.
    timeout: 5 * 60_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      TWEESTAP_MODE: "demo",
      TEST_CLOCK: "1",
      PORT: String(PORT),
      PUBLIC_URL: BASE_URL,
      // The companion authenticator on an origin of its own, as in production: the same server, another host name.
      AUTHENTICATOR_URL: AUTHENTICATOR_BASE_URL,
      TRUSTED_PROXIES: "127.0.0.1,::1",
      DATA_DIR: process.env.TWEESTAP_E2E_DATA_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
