/**
 * Journey (puts the whole server in the flood state, so it runs in the serial project with the
 * specs that move the clock): while very many sign-ins fail across everyone, the password step
 * needs a solved proof-of-work challenge. A script that sends only the password is refused with
 * SIGN_IN_CHALLENGE_REQUIRED; a person on /nl/sign-in in a fresh browser still signs in, because
 * the page solves the challenge in the background (altcha-lib, on our own server).
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DEMO, DEMO_PASSWORD } from "../support/demo";

/** The test-only switch beside the test clock (TEST_CLOCK=1, never in production). */
async function flood(request: APIRequestContext, data: { seconds: number } | { end: true }) {
  const response = await request.post("/api/test/password-flood", { data });
  expect(response.status(), `POST /api/test/password-flood ${JSON.stringify(data)}: is TEST_CLOCK=1 set?`).toBe(200);
}

/** The bodies of the password step's requests this page sends. */
function passwordRequests(page: Page): Array<{ username?: string; proof?: { solution?: { derivedKey?: string } } }> {
  const bodies: Array<{ username?: string; proof?: { solution?: { derivedKey?: string } } }> = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/trpc/signIn.password") bodies.push(request.postDataJSON());
  });
  return bodies;
}

test.beforeEach(async ({ request }) => flood(request, { seconds: 600 }));
test.afterEach(async ({ request }) => flood(request, { end: true }));

test("during a flood a fresh browser signs in on /nl/sign-in: the page solved the challenge while the person typed", async ({ page, request, signInPage, securityInfoPage }) => {
  // A client that does not do the work is refused, with the right password too; no Retry-After to wait for.
  const bare = await request.post("/api/trpc/signIn.password", { data: { username: DEMO.anna.username, password: DEMO_PASSWORD } });
  expect(bare.status()).toBe(429);
  expect(bare.headers()["retry-after"]).toBeUndefined();
  expect(((await bare.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe("SIGN_IN_CHALLENGE_REQUIRED");

  const sent = passwordRequests(page);
  await signInPage.goto("nl");
  await signInPage.username.fill(DEMO.anna.username);
  // While the person types, the page has solved the challenge in the background.
  await expect(signInPage.form).toHaveAttribute("data-proof", "ready", { timeout: 30_000 });
  await signInPage.signInAs(DEMO.anna.username);
  await securityInfoPage.expectSignedInAs(DEMO.anna);
  // One try, and it carried the solution.
  expect(sent).toHaveLength(1);
  expect(sent[0]!.proof?.solution?.derivedKey).toMatch(/^[0-9a-f]+$/);
});

test("during a flood someone who presses Sign in at once still gets in: the page finishes the check and tries again", async ({ page, signInPage, securityInfoPage }) => {
  const sent = passwordRequests(page);
  await signInPage.goto("nl");
  await signInPage.signInAs(DEMO.anna.username);
  await securityInfoPage.expectSignedInAs(DEMO.anna);
  expect(sent.length).toBeGreaterThanOrEqual(1);
  expect(sent.at(-1)!.proof?.solution?.derivedKey).toMatch(/^[0-9a-f]+$/);
});
