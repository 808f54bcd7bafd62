/**
 * Journey (seed 001, lost or stolen phone; moves the server clock): lotte's authenticator app and
 * mobile number are on the phone she lost; she also has an alternate phone. From the help page she
 * signs in another way (a text), comes back to the wizard 11 minutes later, when her second factor
 * is no longer fresh: "confirm it's you" offers every way she has, not only the app on the lost
 * phone, and she confirms with a texted code. She removes the lost phone's methods and her session
 * on the laptop is signed out. lotte is used by this spec only.
 */
import { expect, test } from "../fixtures";
import { ConfirmIdentityPanel } from "../pages/ConfirmIdentityPanel";
import { SecurityInfoPage } from "../pages/SecurityInfoPage";
import { SignInPage } from "../pages/SignInPage";
import { SimulatedPhonePage } from "../pages/SimulatedPhonePage";
import { VerifyPage } from "../pages/VerifyPage";
import { WizardPage } from "../pages/WizardPage";
import { expectNoSeriousViolations } from "../support/axe";
import { DEMO, DEMO_PASSWORD } from "../support/demo";
import { waitForHydration } from "../support/hydration";
import { t } from "../support/messages";
import { pathIs } from "../support/urls";

const MOBILE = "+31612345651";
const MOBILE_MASKED = "+31 •• ••• ••51";
const ALTERNATE_MASKED = "+31 •• ••• ••21";
const MINUTE = 60;

test("lost phone: signed in by text 11 minutes ago, she confirms it's her with a text code and removes the lost phone's methods; every other session ends", async ({
  page,
  context,
  newClient,
  serverClock,
}) => {
  const laptop = await newClient();
  await test.step("lotte is signed in on her laptop (with the app, before she lost the phone)", async () => {
    const signIn = new SignInPage(laptop.page);
    await signIn.goto("nl");
    await signIn.signInAs(DEMO.lotte.username, DEMO_PASSWORD);
  });

  const wizard = new WizardPage(page, "nl", "lost-phone");
  await test.step("the wizard, not signed in: she has another way to sign in", async () => {
    await page.goto("/nl/help");
    await page.getByRole("link", { name: t("nl", "wizards.lost-phone.title"), exact: true }).click();
    await wizard.expectTitle();
    await wizard.choose("other_way", "has_other_way");
    await wizard.expectStep("sign_in_first");
    await expectNoSeriousViolations(page);
    await wizard.action("sign_in_another_way");
    await expect(page).toHaveURL((url) => url.pathname === "/nl/sign-in" && url.searchParams.get("return")?.startsWith("/help/runs/") === true);
  });

  const phone = new SimulatedPhonePage(await context.newPage(), "nl");
  await test.step("she signs in with a code by text message", async () => {
    const seen = await phone.textCount(MOBILE);
    const signIn = new SignInPage(page);
    await waitForHydration(signIn.form);
    await signIn.signInWithPassword(DEMO.lotte.username, DEMO_PASSWORD);
    const verify = new VerifyPage(page, "nl");
    await verify.expectLoaded();
    await verify.chooseText(MOBILE_MASKED);
    await verify.enterCode(await phone.readNewCode(MOBILE, seen));
    await expect(page).toHaveURL(/\/nl\/help\/runs\/[A-Za-z0-9_-]{20,}$/, { timeout: 20_000 });
    await wizard.expectStep("secure");
  });

  await test.step("11 minutes later her second factor is no longer fresh: she confirms it's her with a text code", async () => {
    await serverClock.advance(11 * MINUTE);
    await page.reload();
    await wizard.expectStep("secure");
    const check = page.getByTestId("check-lost_phone_methods");
    const submit = check.getByRole("button", { name: t("nl", "wizards.checks.lostPhoneSubmit"), exact: true });
    await waitForHydration(submit);
    // The methods on the lost phone are listed and ticked; the alternate phone is not among them.
    await expect(check.getByRole("checkbox")).toHaveCount(2);
    await expect(check.getByLabel(t("nl", "methods.labels.totp"), { exact: true })).toBeChecked();
    await expect(check.getByLabel(`${t("nl", "methods.labels.mobile")} ${MOBILE_MASKED}`, { exact: true })).toBeChecked();
    await submit.click();

    // Not only the app on the lost phone: every way she has that can confirm it's her.
    const confirm = new ConfirmIdentityPanel(page, "nl");
    await confirm.expectShown();
    await expect(confirm.ways).toHaveCount(4);
    await expect(confirm.way(t("nl", "methods.labels.totp"), "totp")).toBeVisible();
    await expect(confirm.way(`${t("nl", "methods.labels.mobile")} ${MOBILE_MASKED}`, "sms")).toBeVisible();
    await expect(confirm.way(`${t("nl", "methods.labels.mobile")} ${MOBILE_MASKED}`, "voice")).toBeVisible();
    // The alternate phone, not on the lost phone, can be called too.
    await expect(confirm.way(`${t("nl", "methods.labels.alternate")} ${ALTERNATE_MASKED}`, "voice")).toBeVisible();
    await expectNoSeriousViolations(page);

    const seen = await phone.textCount(MOBILE);
    // By keyboard, on a 320 px wide screen: the arrow key picks the text, Tab reaches "Send code".
    await page.setViewportSize({ width: 320, height: 800 });
    const text = confirm.way(`${t("nl", "methods.labels.mobile")} ${MOBILE_MASKED}`, "sms");
    await confirm.way(t("nl", "methods.labels.totp"), "totp").focus();
    await page.keyboard.press("ArrowDown");
    await expect(text).toBeChecked();
    await expect(text).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(confirm.sendButton).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(confirm.sent).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // Where it went and how long it works.
    await expect(confirm.sent).toContainText(MOBILE_MASKED);
    await expect(confirm.sent).toContainText("3 minuten");
    const code = await phone.readNewCode(MOBILE, seen);
    await expectNoSeriousViolations(page);
    await confirm.confirmWithTextCode(code);

    // Confirmed, the removal runs: "2 methods removed, 1 other session signed out" (matched by its numbers).
    await expect(page.getByTestId("lost-phone-secured")).toHaveText(/\b2\b[^0-9]+\b1\b/, { timeout: 10_000 });
    await expect(confirm.root).toHaveCount(0);
    await wizard.choose("secure", "done");
    await wizard.expectStep("afterwards");
  });

  await test.step("the laptop's session has ended; her security info lists only the alternate phone", async () => {
    await laptop.page.goto("/nl/security-info");
    await expect(laptop.page).toHaveURL(pathIs("/nl/sign-in", "?notice=session-ended"));
    await page.goto("/nl/security-info");
    const security = new SecurityInfoPage(page);
    await security.expectSignedInAs(DEMO.lotte);
    const methods = page.getByTestId("methods");
    await expect(methods.locator("li")).toHaveCount(1);
    await expect(methods).toContainText(`${t("nl", "methods.labels.alternate")} ${ALTERNATE_MASKED}`);
    // One method left: security info nudges her to add another.
    await expect(page.getByTestId("recovery-readiness").locator('[data-nudge="only_one_method"]')).toBeVisible();
  });
});
