/**
 * Journey (issue 11, recovery codes; moves the server clock): milan (Dutch, an authenticator app
 * only) makes recovery codes on his phone (a 390 px wide page). 11 minutes later his second factor
 * is no longer fresh, so adding an app asks him to confirm it's him; his app is not at hand, and he
 * confirms with a recovery code. That code is spent: a sign-in with it is refused as used, while the
 * next code on his list still works. milan is used by this spec only.
 */
import { expect, test } from "../fixtures";
import { AddAuthenticatorPage } from "../pages/AddAuthenticatorPage";
import { ConfirmIdentityPanel } from "../pages/ConfirmIdentityPanel";
import { RecoveryCodesPage } from "../pages/RecoveryCodesPage";
import { SignInPage } from "../pages/SignInPage";
import { expectNoSeriousViolations, expectNoSidewaysScroll } from "../support/axe";
import { DEMO } from "../support/demo";
import { waitForHydration } from "../support/hydration";
import { t } from "../support/messages";
import { pathIs } from "../support/urls";

const PHONE_SIZED = { width: 390, height: 844 };
const MINUTE = 60;

test.use({ viewport: PHONE_SIZED });

test("confirm it's you with a recovery code, in Dutch, on a 390 px page; the code used no longer works", async ({ page, signInPage, newClient, serverClock }) => {
  const locale = "nl";
  const codes = await test.step("milan signs in with his app and makes recovery codes", async () => {
    await signInPage.goto(locale);
    await signInPage.signInAs(DEMO.milan.username);
    const codesPage = new RecoveryCodesPage(page, locale);
    await codesPage.openFromSecurityInfo();
    return codesPage.generate();
  });

  const confirm = new ConfirmIdentityPanel(page, locale);
  await test.step("11 minutes later, adding an app asks him to confirm it's him: the app or a recovery code", async () => {
    await serverClock.advance(11 * MINUTE);
    await page.goto(`/${locale}/security-info`);
    await page.getByRole("link", { name: t(locale, "securityInfo.addAuthenticator"), exact: true }).click();
    await expect(page).toHaveURL(pathIs(`/${locale}/security-info/authenticator`));
    await confirm.expectShown();
    await expect(confirm.ways).toHaveCount(2);
    await expect(confirm.way(t(locale, "methods.labels.totp"), "totp")).toBeVisible();
    const byCode = confirm.way(t(locale, "methods.labels.recovery_code"), "recovery_code");
    await waitForHydration(byCode);
    await byCode.check();
    // A recovery code is letters and digits: the field asks for the letters keyboard, not the number pad.
    await expect(confirm.typedCodeField("recovery_code")).toHaveAttribute("inputmode", "text");
    await expectNoSeriousViolations(page);
    await expectNoSidewaysScroll(page);
  });

  await test.step("he confirms with a recovery code (typed as it is on his list) and goes on adding the app", async () => {
    await confirm.confirmWithTypedCode("recovery_code", codes[0]!);
    await expect(confirm.root).toBeHidden({ timeout: 20_000 });
    // Confirmed: the page asks how to add the app; verification codes.
    await new AddAuthenticatorPage(page, locale).chooseCodes();
    await expect(page.getByTestId("authenticator-setup")).toBeVisible();
    await expect(page.getByTestId("manual-key")).not.toBeEmpty();
    await expectNoSidewaysScroll(page);
  });

  await test.step("the code he used no longer works; the next one on his list does", async () => {
    const other = await newClient({ viewport: PHONE_SIZED });
    const otherSignIn = new SignInPage(other.page);
    await otherSignIn.goto(locale);
    const verify = await otherSignIn.signInUntilCode(DEMO.milan.username);
    await verify.chooseWay("recovery_code");
    const panel = await verify.failWith(codes[0]!);
    await expect(panel.title).toHaveText(t(locale, "errors.MFA_RECOVERY_CODE_USED.title"));
    await verify.verifyWith(codes[1]!);
  });
});
