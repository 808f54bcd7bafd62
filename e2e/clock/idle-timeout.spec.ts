/**
 * Journey (moves the server clock): a session that has been idle for 30 minutes is over. Activity
 * keeps it alive; after 31 idle minutes the same cookie gets 401 and the page says the session ended.
 */
import { expect, test } from "../fixtures";
import { SignInPage } from "../pages/SignInPage";
import { DEMO, DEMO_PASSWORD } from "../support/demo";
import { t } from "../support/messages";
import { sessionCookieOf, sessionMeStatus } from "../support/session";
import { pathIs } from "../support/urls";

const MINUTE = 60;

test("a session idle for 31 minutes is signed out; activity before that keeps it", async ({ context, page, signInPage, securityInfoPage, newClient, serverClock }) => {
  await signInPage.goto("nl");
  await signInPage.signInAs(DEMO.anna.username, DEMO_PASSWORD);
  await securityInfoPage.expectSignedInAs(DEMO.anna);
  const cookie = await sessionCookieOf(context);

  // 29 minutes idle: still signed in (and this request counts as activity).
  await serverClock.advance(29 * MINUTE);
  expect(await sessionMeStatus(context)).toBe(200);
  // Another 29 minutes: 58 since sign-in, but only 29 since the last activity.
  await serverClock.advance(29 * MINUTE);
  expect(await sessionMeStatus(context)).toBe(200);

  // 31 minutes without activity: the session is over, for this browser and for any copy of its cookie.
  await serverClock.advance(31 * MINUTE);
  const copy = await newClient();
  await copy.context.addCookies([cookie]);
  expect(await sessionMeStatus(copy.context)).toBe(401);
  expect(await sessionMeStatus(context)).toBe(401);

  await page.reload();
  await expect(page).toHaveURL(pathIs("/nl/sign-in", "?notice=session-ended"));
  const signIn = new SignInPage(page);
  await signIn.expectLoaded("nl");
  await expect(signIn.notice).toHaveText(t("nl", "signIn.sessionEnded"));

  // Time going back does not revive it: the expiry was recorded.
  await serverClock.reset();
  expect(await sessionMeStatus(context)).toBe(401);
});

test("a session idle for 31 minutes shows the session-ended notice in English too", async ({ page, signInPage, securityInfoPage, serverClock }) => {
  await signInPage.goto("en");
  await signInPage.signInAs(DEMO.emma.username, DEMO_PASSWORD);
  await securityInfoPage.expectSignedInAs(DEMO.emma);

  await serverClock.advance(31 * MINUTE);
  await page.goto("/en/security-info");
  await expect(page).toHaveURL(pathIs("/en/sign-in", "?notice=session-ended"));
  await expect(new SignInPage(page).notice).toHaveText(t("en", "signIn.sessionEnded"));
});
