/**
 * Journey: someone guesses passwords from one address. After 10 failures in a minute that address
 * is told to wait (429 + Retry-After), whatever it tries; other addresses are not affected.
 */
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t, tPattern } from "./support/messages";

const PER_IP_LIMIT = 10;

function tryPassword(api: APIRequestContext, username: string, password: string) {
  return api.post("/api/trpc/signIn.password", { data: { username, password } });
}

/** Ten failed tries with usernames nobody has (so no account's own delay plays a part). */
async function failTenTimes(api: APIRequestContext, label: string) {
  for (let i = 1; i <= PER_IP_LIMIT; i++) {
    const response = await tryPassword(api, `nobody-${label}-${i}`, `guess-${i}`);
    expect(response.status(), `try ${i} is an ordinary failure`).toBe(401);
  }
}

test("the 11th failed try from one address gets 429 with Retry-After, even with the right password", async ({ request, newClient }) => {
  await failTenTimes(request, "api");

  const eleventh = await tryPassword(request, "nobody-api-11", "guess-11");
  expect(eleventh.status()).toBe(429);
  const retryAfter = Number(eleventh.headers()["retry-after"]);
  expect(retryAfter, "Retry-After is a number of seconds within the minute").toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = (await eleventh.json()) as { error: { data: { appCode: string } } };
  expect(body.error.data.appCode).toBe("RATE_LIMITED");

  // Guessing right does not get through while the address is limited.
  const right = await tryPassword(request, DEMO.anna.username, DEMO_PASSWORD);
  expect(right.status()).toBe(429);

  // Another address is not affected.
  const other = await newClient();
  const fromElsewhere = await tryPassword(other.context.request, "nobody-elsewhere", "guess");
  expect(fromElsewhere.status()).toBe(401);
});

test("a limited address sees RATE_LIMITED in the sign-in page, with how long to wait", async ({ request, signInPage }) => {
  // The browser page and these API calls share this test's client address.
  await failTenTimes(request, "ui");

  await signInPage.goto("nl");
  const panel = await signInPage.failToSignIn("nobody-ui-11", "guess-11");
  await panel.expectCode("RATE_LIMITED");
  await expect(panel.title).toHaveText(t("nl", "errors.RATE_LIMITED.title"));
  await expect(panel.message).toHaveText(tPattern("nl", "errors.RATE_LIMITED.message"));
  await panel.openDetails();
  expect((await panel.details()).code).toBe("RATE_LIMITED");
  await expect(panel.helpLink).toHaveAttribute("href", /^\/nl\/help\/wizards\/error-code\?code=RATE_LIMITED&cid=/);
});
