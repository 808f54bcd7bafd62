/**
 * Journey: signing out ends the session on the server, not just in this browser. A copied
 * (stolen) session cookie stops working after "Sign out", and after "Sign out everywhere" on
 * another device.
 */
import { expect, test } from "./fixtures";
import { SecurityInfoPage } from "./pages/SecurityInfoPage";
import { SignInPage } from "./pages/SignInPage";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";
import { SESSION_COOKIE, sessionCookieOf, sessionMeStatus } from "./support/session";
import { pathIs } from "./support/urls";

test("after Sign out, a copy of the old session cookie gets 401 and is sent to sign-in", async ({ page, context, signInPage, securityInfoPage, newClient }) => {
  await signInPage.goto("nl");
  await signInPage.signInAs(DEMO.anna.username, DEMO_PASSWORD);
  await securityInfoPage.expectSignedInAs(DEMO.anna);
  // The session says how it was signed in: her password and her authenticator app.
  await securityInfoPage.expectCurrentSessionSignedInWith(["password", "app"]);

  // The session cookie cannot be read by scripts, and is not sent along on cross-site requests.
  const stolen = await sessionCookieOf(context);
  expect(stolen.httpOnly).toBe(true);
  expect(stolen.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toMatch(/tweestap\.session/);

  // Replayed in another browser, the cookie works while the session lives…
  const thief = await newClient();
  await thief.context.addCookies([stolen]);
  expect(await sessionMeStatus(thief.context)).toBe(200);

  await securityInfoPage.signOut();
  const signedOut = new SignInPage(page);
  await signedOut.expectLoaded("nl");
  await expect(signedOut.notice).toHaveText(t("nl", "signIn.signedOut"));
  expect((await context.cookies()).filter((c) => SESSION_COOKIE.test(c.name))).toEqual([]);

  // …and not after signing out.
  expect(await sessionMeStatus(thief.context)).toBe(401);
  await thief.page.goto("/nl/security-info");
  await expect(thief.page).toHaveURL(pathIs("/nl/sign-in", "?notice=session-ended"));
  await expect(new SignInPage(thief.page).notice).toHaveText(t("nl", "signIn.sessionEnded"));
});

test("Sign out everywhere on one device ends the session on the other", async ({ newClient }) => {
  // sanne is used by no other spec: signing her out everywhere disturbs no parallel test. Each
  // device gives its own code (a code works once, whichever browser used it).
  const laptop = await newClient();
  const phone = await newClient();
  for (const device of [laptop, phone]) {
    const signIn = new SignInPage(device.page);
    await signIn.goto("nl");
    await signIn.signInAs(DEMO.sanne.username, DEMO_PASSWORD);
  }

  const onLaptop = new SecurityInfoPage(laptop.page);
  await onLaptop.goto("nl");
  await onLaptop.expectSignedInAs(DEMO.sanne);
  // Both sessions are listed, each with the address it came from.
  await expect(onLaptop.sessionsFrom(laptop.ip)).toHaveCount(1);
  await expect(onLaptop.sessionsFrom(phone.ip)).toHaveCount(1);
  expect(await sessionMeStatus(phone.context)).toBe(200);

  await onLaptop.signOutEverywhere();
  await expect(new SignInPage(laptop.page).notice).toHaveText(t("nl", "signIn.signedOut"));

  // The phone still holds its cookie, but the session behind it is gone.
  await sessionCookieOf(phone.context);
  expect(await sessionMeStatus(phone.context)).toBe(401);
  await phone.page.goto("/nl/security-info");
  await expect(phone.page).toHaveURL(pathIs("/nl/sign-in", "?notice=session-ended"));
  expect(await sessionMeStatus(laptop.context)).toBe(401);
});
