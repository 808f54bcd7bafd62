/**
 * What an attacker would try: requests from another website, framing, sniffing, cached pages,
 * injected scripts. And what a person must never see: the browser blocking our own page.
 */
import type { ConsoleMessage, Response } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, DEMO_PASSWORD } from "./support/demo";

const EVIL = "https://evil.example";

test.describe("requests from another website", () => {
  test("a cross-origin sign-in POST is refused with 403 and starts nothing", async ({ request }) => {
    const response = await request.post("/api/trpc/signIn.password", {
      headers: { Origin: EVIL },
      data: { username: DEMO.anna.username, password: DEMO_PASSWORD },
    });
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("ORIGIN_REJECTED");
    // No sign-in attempt and no session cookie came back.
    expect(response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie")).toEqual([]);
  });

  test("a cross-site form post cannot sign anyone out", async ({ request }) => {
    const response = await request.post("/api/session/sign-out-everywhere", {
      headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" },
      form: { locale: "nl" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });

  test("the same POST from our own origin is handled normally", async ({ request, baseURL }) => {
    const response = await request.post("/api/trpc/signIn.password", {
      headers: { Origin: new URL(baseURL!).origin },
      data: { username: "nobody-at-all", password: "guess" },
    });
    expect(response.status()).toBe(401);
  });
});

test.describe("security headers", () => {
  function expectPageHeaders(response: Response | null, options: { noStore: boolean }) {
    expect(response, "the page answered").not.toBeNull();
    const url = response!.url();
    expect(response!.status(), url).toBe(200);
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, `${url}: script-src uses a per-response nonce`).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp, `${url}: no framing`).toContain("frame-ancestors 'none'");
    expect(csp, `${url}: no inline scripts without nonce`).not.toMatch(/script-src [^;]*'unsafe-inline'/);
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(["no-referrer", "same-origin"], `${url}: addresses never leak to other sites`).toContain(headers["referrer-policy"]);
    if (options.noStore) expect(headers["cache-control"] ?? "", url).toContain("no-store");
  }

  const publicPages = [
    { path: "/nl/sign-in", noStore: true },
    { path: "/en/sign-in", noStore: true },
    { path: "/nl/help", noStore: false },
    { path: "/en/help", noStore: false },
    { path: "/nl/help/errors/SIGN_IN_INVALID_CREDENTIALS", noStore: false },
  ];
  for (const { path, noStore } of publicPages) {
    test(`${path} sends CSP with a nonce, frame-ancestors 'none' and nosniff`, async ({ page }) => {
      expectPageHeaders(await page.goto(path), { noStore });
    });
  }

  test("security info (signed in) sends the same headers and Cache-Control: no-store", async ({ page, signInPage, securityInfoPage }) => {
    await signInPage.goto("nl");
    await signInPage.signInAs(DEMO.admin.username, DEMO_PASSWORD);
    const response = await page.goto("/nl/security-info");
    expectPageHeaders(response, { noStore: true });
    await securityInfoPage.expectSignedInAs(DEMO.admin);
  });

  test("every response gets a fresh nonce, and the page's scripts carry it", async ({ request }) => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await request.get("/nl/sign-in");
      const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
      expect(nonce).toBeTruthy();
      const html = await response.text();
      const scriptNonces = [...html.matchAll(/<script\b[^>]*\bnonce="([^"]+)"/g)].map((m) => m[1]);
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
      nonces.push(nonce!);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

test("signing in triggers no Content-Security-Policy violation", async ({ page, signInPage, securityInfoPage }) => {
  const complaints: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/content[- ]security[- ]policy|refused to (load|execute|apply|connect|frame)/i.test(message.text())) {
      complaints.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => complaints.push(`pageerror: ${error.message}`));
  // Also catch what the console may not report: every securitypolicyviolation event, on every document.
  await page.exposeFunction("__reportCspViolation", (description: string) => complaints.push(`violation: ${description}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (d: string) => void }).__reportCspViolation;
      void report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });

  // The whole sign-in: a failed password, the password, the code step, security info.
  await signInPage.goto("nl");
  await signInPage.failToSignIn(DEMO.admin.username, "not-the-password");
  await signInPage.signInAs(DEMO.admin.username, DEMO_PASSWORD);
  await securityInfoPage.expectSignedInAs(DEMO.admin);
  await page.reload();
  await securityInfoPage.expectSignedInAs(DEMO.admin);

  expect(complaints).toEqual([]);
});
