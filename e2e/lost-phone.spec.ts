/**
 * Journey (seed 001, lost or stolen phone): lotte's authenticator app and mobile number are on the
 * phone she lost; she also has an alternate phone. From the help page she signs in another way
 * (a call to the alternate phone), comes back to the wizard, removes the lost phone's methods,
 * and her session on the laptop is signed out. lotte is used by this spec only.
 */
import { expect, test } from "./fixtures";
import { SecurityInfoPage } from "./pages/SecurityInfoPage";
import { SignInPage } from "./pages/SignInPage";
import { SimulatedPhonePage } from "./pages/SimulatedPhonePage";
import { VerifyPage } from "./pages/VerifyPage";
import { WizardPage } from "./pages/WizardPage";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { waitForHydration } from "./support/hydration";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

const ALTERNATE = "+31687654321";

test("lost phone: sign in another way, remove the lost phone's methods, every other session ends", async ({ page, context, newClient }) => {
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

  await test.step("she signs in with a call to her alternate phone: answer, type the number shown, then #", async () => {
    const signIn = new SignInPage(page);
    await waitForHydration(signIn.form);
    await signIn.signInWithPassword(DEMO.lotte.username, DEMO_PASSWORD);
    const verify = new VerifyPage(page, "nl");
    await verify.expectLoaded();
    const digits = await verify.chooseCall("+31 •• ••• ••21");
    const phone = new SimulatedPhonePage(await context.newPage(), "nl");
    await phone.answerRingingCall(ALTERNATE);
    await phone.typeAndPressHash(digits);
    await phone.expectCallState("confirmed");
    await phone.page.close();
  });

  await test.step("back in the wizard, she removes the app and the mobile number", async () => {
    await expect(page).toHaveURL(/\/nl\/help\/runs\/[A-Za-z0-9_-]{20,}$/, { timeout: 20_000 });
    await wizard.expectStep("secure");
    const check = page.getByTestId("check-lost_phone_methods");
    await waitForHydration(check.getByRole("button", { name: t("nl", "wizards.checks.lostPhoneSubmit"), exact: true }));
    // The methods on the lost phone are listed and ticked; the alternate phone is not among them.
    await expect(check.getByRole("checkbox")).toHaveCount(2);
    await expect(check.getByLabel(t("nl", "securityInfo.kind.totp"), { exact: true })).toBeChecked();
    await expect(check.getByLabel(`${t("nl", "securityInfo.roles.mobile")} +31 •• ••• ••51`, { exact: true })).toBeChecked();
    await expectNoSeriousViolations(page);
    await check.getByRole("button", { name: t("nl", "wizards.checks.lostPhoneSubmit"), exact: true }).click();
    // "2 methods removed, 1 other session signed out" (a plural message, so matched by its numbers).
    await expect(page.getByTestId("lost-phone-secured")).toHaveText(/\b2\b[^0-9]+\b1\b/, { timeout: 10_000 });
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
    await expect(methods).toContainText(`${t("nl", "securityInfo.roles.alternate")} +31 •• ••• ••21`);
    // One method left: security info nudges her to add another.
    await expect(page.getByTestId("recovery-readiness").locator('[data-nudge="only_one_method"]')).toBeVisible();
  });
});
