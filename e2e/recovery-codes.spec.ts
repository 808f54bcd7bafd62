/**
 * Journey (issue 11, recovery codes): sofie (Dutch, an authenticator app only) makes recovery codes
 * in security info, sees them once (copy, download, print), and later, without her phone, signs in
 * with one under "sign in another way"; the same code does not work twice, and the page says why.
 * sofie is used by this spec only.
 */
import { expect, test } from "./fixtures";
import { RecoveryCodesPage } from "./pages/RecoveryCodesPage";
import type { VerifyPage } from "./pages/VerifyPage";
import { SignInPage } from "./pages/SignInPage";
import { expectNoSeriousViolations, expectNoSidewaysScroll } from "./support/axe";
import { DEMO } from "./support/demo";
import { t } from "./support/messages";

test("sofie makes recovery codes, signs in with one without her phone, and a used code is refused with its reason (nl)", async ({ page, browser, signInPage }) => {
  const locale = "nl";
  await signInPage.goto(locale);
  await signInPage.signInAs(DEMO.sofie.username);
  const codesPage = new RecoveryCodesPage(page, locale);

  let codes: string[] = [];
  await test.step("security info leads to the recovery codes; none yet", async () => {
    await codesPage.openFromSecurityInfo();
    await expect(codesPage.status).toHaveText(t(locale, "recoveryCodes.none"));
    await expectNoSeriousViolations(page);
  });

  await test.step("ten codes, shown once, with copy, download and print; readable on a phone", async () => {
    codes = await codesPage.generate();
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    for (const action of ["copy", "download", "print"]) await expect(page.getByTestId(`recovery-codes-${action}`)).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByTestId("recovery-codes-download").click();
    expect((await download).suggestedFilename()).toBe("tweestap-recovery-codes.txt");
    await expectNoSeriousViolations(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoSidewaysScroll(page);
  });

  await test.step("on another device, without the phone: sign in another way, with a recovery code", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const other = await context.newPage();
    const otherSignIn = new SignInPage(other);
    await otherSignIn.goto(locale);
    const verify = await otherSignIn.signInUntilCode(DEMO.sofie.username);
    await verify.chooseWay("recovery_code");
    await expectNoSeriousViolations(other);
    await expectNoSidewaysScroll(other);
    await verify.verifyWith(codes[0]!.toLowerCase().replaceAll("-", " "));
    await context.close();
  });

  await test.step("the same code a second time: refused, and the page says it was used already", async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    const otherSignIn = new SignInPage(other);
    await otherSignIn.goto(locale);
    const verify: VerifyPage = await otherSignIn.signInUntilCode(DEMO.sofie.username);
    await verify.chooseWay("recovery_code");
    const panel = await verify.failWith(codes[0]!);
    await expect(panel.title).toHaveText(t(locale, "errors.MFA_RECOVERY_CODE_USED.title"));
    await context.close();
  });
});
