/**
 * Fixtures for every spec: import { test, expect } from "./fixtures".
 *
 * - clientIp: each test is its own client. The server believes X-Forwarded-For from its trusted
 *   local peer (TRUSTED_PROXIES=127.0.0.1,::1), so every request of a test (page, fetches,
 *   `request`) carries a TEST-NET address of its own and rate limits of one test never hit another.
 * - page objects: signInPage, securityInfoPage, helpPage.
 * - newClient(): another browser (own cookies, own address), closed after the test.
 * - serverClock: moves the server clock (clock project only); reset after every test that uses it.
 */
import { test as base, expect, type APIRequestContext, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { HelpPage } from "./pages/HelpPage";
import { SecurityInfoPage } from "./pages/SecurityInfoPage";
import { SignInPage } from "./pages/SignInPage";

// RFC 5737 documentation networks: never a real client.
const TEST_NETS = ["203.0.113", "198.51.100", "192.0.2"] as const;
const SLOTS = TEST_NETS.length * 254;
/** Addresses a worker may hand out before it reaches the next worker's range (3 workers fit). */
const PER_WORKER = 250;
let handedOut = 0;

/**
 * A client address no other test of this run uses: a run-wide random offset (so a rerun against a
 * reused server starts elsewhere), a range per worker, then a counter within the worker.
 */
function nextClientIp(workerIndex: number): string {
  const seed = Number(process.env.TWEESTAP_E2E_IP_SEED ?? "0");
  const slot = (seed + workerIndex * PER_WORKER + handedOut++) % SLOTS;
  return `${TEST_NETS[Math.floor(slot / 254)]}.${(slot % 254) + 1}`;
}

export interface ServerClock {
  /** Moves the server clock forward by `seconds`; returns the server's new time. */
  advance(seconds: number): Promise<Date>;
  /** Puts the server clock back to real time. */
  reset(): Promise<void>;
}

export interface Client {
  context: BrowserContext;
  page: Page;
  ip: string;
}

interface Fixtures {
  clientIp: string;
  signInPage: SignInPage;
  securityInfoPage: SecurityInfoPage;
  helpPage: HelpPage;
  newClient: (options?: BrowserContextOptions) => Promise<Client>;
  serverClock: ServerClock;
}

export const test = base.extend<Fixtures>({
  clientIp: async ({}, use, testInfo) => {
    await use(nextClientIp(testInfo.workerIndex));
  },

  extraHTTPHeaders: async ({ extraHTTPHeaders, clientIp }, use) => {
    await use({ ...extraHTTPHeaders, "X-Forwarded-For": clientIp });
  },

  signInPage: async ({ page }, use) => {
    await use(new SignInPage(page));
  },

  securityInfoPage: async ({ page }, use) => {
    await use(new SecurityInfoPage(page));
  },

  helpPage: async ({ page }, use) => {
    await use(new HelpPage(page));
  },

  newClient: async ({ browser }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    await use(async (options = {}) => {
      const ip = nextClientIp(testInfo.workerIndex);
      // New contexts inherit the project's options (baseURL, permissions…); the address differs.
      const context = await browser.newContext({ ...options, extraHTTPHeaders: { ...options.extraHTTPHeaders, "X-Forwarded-For": ip } });
      contexts.push(context);
      return { context, page: await context.newPage(), ip };
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  serverClock: async ({ playwright, baseURL }, use, testInfo) => {
    if (testInfo.project.name !== "clock") {
      throw new Error("Only specs in e2e/clock/ (the clock project) may move the server clock: it changes time for every test running.");
    }
    const api: APIRequestContext = await playwright.request.newContext({ baseURL });
    const post = async (data: object): Promise<Date> => {
      const response = await api.post("/api/test/clock", { data });
      expect(response.status(), `POST /api/test/clock ${JSON.stringify(data)}: is TEST_CLOCK=1 set?`).toBe(200);
      return new Date(((await response.json()) as { now: string }).now);
    };
    await post({ reset: true });
    try {
      await use({
        advance: (seconds) => post({ advanceSeconds: seconds }),
        reset: async () => void (await post({ reset: true })),
      });
    } finally {
      await post({ reset: true });
      await api.dispose();
    }
  },
});

export { expect };
