/**
 * Journey: a person signs in with username and password, in Dutch and in English; a failed
 * sign-in shows an error panel people can act on (details, Copy, Get help).
 */
import { expect, test } from "./fixtures";
import { HelpPage } from "./pages/HelpPage";
import { WizardPage } from "./pages/WizardPage";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { LOCALES, t } from "./support/messages";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DISPLAY_SESSION_ID = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const TIMESTAMP_WITH_OFFSET = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/;

for (const locale of LOCALES) {
  test(`anna signs in on /${locale}/sign-in and lands on her security info`, async ({ signInPage, securityInfoPage, clientIp }) => {
    await signInPage.goto(locale);
    await signInPage.signInAs(DEMO.anna.username, DEMO_PASSWORD);

    await securityInfoPage.expectLoaded(locale);
    await securityInfoPage.expectSignedInAs(DEMO.anna);
    // This browser's session is listed, with the address it came from.
    await expect(securityInfoPage.currentSession).toHaveCount(1);
    await expect(securityInfoPage.currentSession.getByText(clientIp, { exact: true })).toBeVisible();
  });

  test(`a wrong password on /${locale}/sign-in shows an error panel with details, Copy and Get help`, async ({ page, signInPage }) => {
    const typedPassword = "wrong-Password-7731";
    await signInPage.goto(locale);
    const panel = await signInPage.failToSignIn(DEMO.anna.username, typedPassword);

    // The failure in the page language, never a stack trace; the user stays on sign-in.
    await panel.expectCode("SIGN_IN_INVALID_CREDENTIALS");
    await expect(panel.title).toHaveText(t(locale, "errors.SIGN_IN_INVALID_CREDENTIALS.title"));
    await expect(panel.message).toHaveText(t(locale, "errors.SIGN_IN_INVALID_CREDENTIALS.message"));
    await expect(page).toHaveURL(`/${locale}/sign-in`);
    // The password field is emptied; the username is kept.
    await expect(signInPage.password).toHaveValue("");
    await expect(signInPage.username).toHaveValue(DEMO.anna.username);

    // View details: the five fields people give the helpdesk.
    await panel.openDetails();
    const details = await panel.details();
    expect(details.rows.map(([label]) => label)).toEqual([
      t(locale, "errorDetails.code"),
      t(locale, "errorDetails.correlationId"),
      t(locale, "errorDetails.sessionId"),
      t(locale, "errorDetails.timestamp"),
      t(locale, "errorDetails.page"),
    ]);
    expect(details.code).toBe("SIGN_IN_INVALID_CREDENTIALS");
    expect(details.correlationId).toMatch(UUID);
    expect(details.sessionId).toMatch(DISPLAY_SESSION_ID);
    expect(details.timestamp).toMatch(TIMESTAMP_WITH_OFFSET);
    expect(details.page).toBe(new URL(`/${locale}/sign-in`, page.url()).href);

    // Copy puts exactly those five labelled lines on the clipboard, and never the password.
    const copied = await panel.copy();
    expect(copied).toBe(details.rows.map(([label, value]) => `${label}: ${value}`).join("\n"));
    expect(copied).not.toContain(typedPassword);

    // Get help opens the matching wizard, in the same language, with the five fields filled in;
    // the page that explains the code stays one link away.
    await panel.getHelp("error-code");
    const wizard = new WizardPage(page, locale, "error-code");
    await wizard.expectTitle();
    expect(await wizard.prefilled()).toEqual({
      errorCode: details.code,
      correlationId: details.correlationId,
      displaySessionId: details.sessionId,
      occurredAt: details.timestamp,
      pageUrl: details.page,
    });
    await page.getByTestId("error-code-page-link").click();
    await new HelpPage(page).expectExplains(locale, "SIGN_IN_INVALID_CREDENTIALS");
  });
}

test("each failed try gets its own correlation ID but keeps the browser's session ID", async ({ signInPage }) => {
  await signInPage.goto("en");
  const first = await signInPage.failToSignIn(DEMO.emma.username, "not-her-password-1");
  await first.openDetails();
  const firstDetails = await first.details();

  await signInPage.signInWithPassword(DEMO.emma.username, "not-her-password-2");
  const second = signInPage.errorPanel;
  await expect(second.root).toBeVisible();
  await second.openDetails();
  const secondDetails = await second.details();

  expect(secondDetails.correlationId).toMatch(UUID);
  expect(secondDetails.correlationId).not.toBe(firstDetails.correlationId);
  expect(secondDetails.sessionId).toBe(firstDetails.sessionId);
});

test("an unknown username shows exactly the same message as a wrong password", async ({ signInPage }) => {
  await signInPage.goto("nl");
  const wrongPassword = await signInPage.failToSignIn(DEMO.anna.username, "definitely-not-it-1");
  const wrongPasswordText = await wrongPassword.root.innerText();
  const shownForWrongPassword = {
    code: await wrongPassword.code(),
    title: await wrongPassword.title.innerText(),
    message: await wrongPassword.message.innerText(),
  };

  await signInPage.goto("nl");
  const unknownUser = await signInPage.failToSignIn("nobody-by-this-name", "definitely-not-it-1");
  const shownForUnknownUser = {
    code: await unknownUser.code(),
    title: await unknownUser.title.innerText(),
    message: await unknownUser.message.innerText(),
  };

  expect(shownForUnknownUser).toEqual(shownForWrongPassword);
  // The whole visible panel (details closed) reads the same: nothing hints which part was wrong.
  expect(await unknownUser.root.innerText()).toBe(wrongPasswordText);
});
