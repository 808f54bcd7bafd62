/**
 * Accessibility: axe finds no serious or critical WCAG 2.1 A/AA violation on the pages of the
 * sign-in journey, and the sign-in form works from the keyboard with a visible focus.
 * The code page is checked in each of its states: the app's code, a text on its way (emma: her
 * texts are read by no spec) and a ringing call (anna: her calls are answered by no spec), also at
 * 320 px, chosen from the keyboard. (The forced-registration page is checked in
 * forced-registration.spec.ts: only that spec may sign in bram, the one demo person without an
 * authenticator app.) The companion authenticator is checked empty, with an account and with its
 * remove confirmation open, at 320 px, and used from the keyboard.
 */
import { expect, test } from "./fixtures";
import { AuthenticatorAppPage } from "./pages/AuthenticatorAppPage";
import { EnrolPage } from "./pages/EnrolPage";
import { VerifyPage } from "./pages/VerifyPage";
import { submitDemoCode } from "./support/authenticator";
import { expectNoSeriousViolations, expectNoSidewaysScroll } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";

for (const locale of ["nl", "en"] as const) {
  test(`/${locale}/sign-in has no serious accessibility violations`, async ({ page, signInPage }) => {
    await signInPage.goto(locale);
    await expectNoSeriousViolations(page);
  });
}

test("sign-in showing the error panel with details open has no serious accessibility violations", async ({ page, signInPage }) => {
  await signInPage.goto("nl");
  const panel = await signInPage.failToSignIn(DEMO.anna.username, "not-the-password");
  await panel.openDetails();
  await panel.details();
  await expectNoSeriousViolations(page);
});

test("/nl/help has no serious accessibility violations", async ({ page, helpPage }) => {
  await helpPage.goto("nl");
  await expectNoSeriousViolations(page);
});

test("/nl/help/errors/SIGN_IN_INVALID_CREDENTIALS has no serious accessibility violations", async ({ page, helpPage }) => {
  await helpPage.gotoError("nl", "SIGN_IN_INVALID_CREDENTIALS");
  await expectNoSeriousViolations(page);
});

test("/nl/sign-in/verify (after the password) has no serious accessibility violations", async ({ page, signInPage }) => {
  await signInPage.goto("nl");
  const verify = await signInPage.signInUntilCode(DEMO.anna.username, DEMO_PASSWORD);
  await expect(verify.code).toBeVisible();
  await expect(verify.submit).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("/en/sign-in/verify with a text on its way (320 px wide) has no serious accessibility violations", async ({ page, signInPage }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signInPage.goto("en");
  const verify = await signInPage.signInUntilCode(DEMO.emma.username, DEMO_PASSWORD);
  await verify.chooseText("+44 •• ••• •••56");
  await expect(verify.codeCountdown).toBeVisible();
  await verify.expectNoMentionOfTheApp();
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page);
});

test("/nl/sign-in/verify while a call rings (chosen from the keyboard, 320 px wide) has no serious accessibility violations", async ({ page, signInPage }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signInPage.goto("nl");
  const verify = await signInPage.signInUntilCode(DEMO.anna.username, DEMO_PASSWORD);
  await expectNoSidewaysScroll(page);
  const callMe = verify.otherWay("voice", "+31 •• ••• ••42");
  await expect(callMe).toHaveAccessibleName(verify.optionName("voice", "mobile", "+31 •• ••• ••42"));
  // Reached with Tab, shown with a focus outline, pressed with Enter.
  let presses = 0;
  while (!(await callMe.evaluate((el) => el === document.activeElement))) {
    expect(presses++, 'Tab reaches "Call me"').toBeLessThan(20);
    await page.keyboard.press("Tab");
  }
  expect(await callMe.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(verify.callStatus).toContainText(t("nl", "verify.ways.voice.calling", { number: "+31 •• ••• ••42" }));
  // The title says what to do now, and has the focus, so a screen reader reads it.
  await expect(verify.heading).toHaveText(t("nl", "verify.ways.voice.title"));
  await expect(verify.heading).toBeFocused();
  await verify.expectRingCountingDown();
  await verify.expectNoMentionOfTheApp();
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page);
});

test("/nl/security-info (signed in, with methods and recent sign-ins) has no serious accessibility violations", async ({ page, signInPage, securityInfoPage }) => {
  await signInPage.goto("nl");
  await signInPage.signInAs(DEMO.anna.username, DEMO_PASSWORD);
  await securityInfoPage.expectSignedInAs(DEMO.anna);
  // The page as it is with content: anna's authenticator app and her sign-ins (at least this one).
  await expect(securityInfoPage.authenticatorApps).toBeVisible();
  await expect(securityInfoPage.recentSignIns.first()).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("/nl/enrol with an invalid link has no serious accessibility violations", async ({ page }) => {
  const enrol = new EnrolPage(page, "nl");
  // Well-formed (43 URL-safe characters) but issued by nobody.
  await enrol.open(`/nl/enrol#${"A".repeat(43)}`);
  await enrol.errorPanel.expectCode("ENROLMENT_LINK_INVALID");
  await expectNoSeriousViolations(page);
});

test("the sign-in form works from the keyboard, in order, with a visible focus", async ({ page, signInPage }) => {
  await signInPage.goto("nl");
  const order = [signInPage.username, signInPage.password, signInPage.submit];

  // Tab from the top of the page until the username field has focus (skip link and header first).
  let presses = 0;
  while (!(await signInPage.username.evaluate((el) => el === document.activeElement))) {
    expect(presses++, "Tab reaches the username field").toBeLessThan(10);
    await page.keyboard.press("Tab");
  }
  for (const [i, field] of order.entries()) {
    if (i > 0) await page.keyboard.press("Tab");
    await expect(field).toBeFocused();
    const focus = await field.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
    });
    expect(focus.style, `field ${i + 1} shows a focus outline`).not.toBe("none");
    expect(focus.width, `field ${i + 1}: outline width`).toBeGreaterThanOrEqual(2);
    expect(focus.color, `field ${i + 1}: outline colour`).not.toMatch(/^(transparent|rgba\(\d+, \d+, \d+, 0\))$/);
  }

  // And the form submits from the keyboard too, and so does the code step after it.
  await signInPage.username.focus();
  await page.keyboard.type(DEMO.anna.username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  const verify = new VerifyPage(page, "nl");
  await verify.expectLoaded();
  await submitDemoCode(DEMO.anna.username, {}, async (code) => {
    await verify.code.focus();
    await page.keyboard.type(code);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL("/nl/security-info");
  });
});

test("the companion authenticator (320 px wide) has no serious accessibility violations and works from the keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const app = new AuthenticatorAppPage(page, "nl");
  await app.open();
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page);

  /** Tabs until `target` has the focus, and checks the focus is visible. */
  const tabTo = async (target: import("@playwright/test").Locator, what: string) => {
    let presses = 0;
    while (!(await target.evaluate((el) => el === document.activeElement))) {
      expect(presses++, `Tab reaches ${what}`).toBeLessThan(30);
      await page.keyboard.press("Tab");
    }
    expect(await target.evaluate((el) => getComputedStyle(el).outlineStyle), `${what} shows a focus outline`).not.toBe("none");
  };

  // Added from the keyboard: the setup link typed, Enter.
  await tabTo(app.linkForm.getByLabel(t("nl", "authenticator.linkLabel"), { exact: true }), "the setup link field");
  await page.keyboard.type("otpauth://totp/Voorbeeld%20BV:jan?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Voorbeeld%20BV");
  await page.keyboard.press("Enter");
  await app.expectAdded("Voorbeeld BV (jan)");
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page);

  // Renamed from the keyboard: the field gets the focus with the old name selected.
  await tabTo(app.account("Voorbeeld BV (jan)").getByRole("button", { name: t("nl", "authenticator.renameNamed", { label: "Voorbeeld BV (jan)" }) }), "Rename");
  await page.keyboard.press("Enter");
  await expect(app.account("Voorbeeld BV (jan)").getByLabel(t("nl", "authenticator.newName"), { exact: true })).toBeFocused();
  await page.keyboard.type("Werk");
  await page.keyboard.press("Enter");
  await expect(app.account("Werk")).toHaveCount(1);

  // The remove confirmation: opened from the keyboard, "keep it" has the focus, Escape closes it.
  await tabTo(app.account("Werk").getByRole("button", { name: t("nl", "authenticator.removeNamed", { label: "Werk" }) }), "Remove");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: t("nl", "authenticator.removeTitle", { label: "Werk" }) });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: t("nl", "authenticator.removeKeep"), exact: true })).toBeFocused();
  await expectNoSeriousViolations(page);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(app.account("Werk")).toHaveCount(1);
});
