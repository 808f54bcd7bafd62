/**
 * Journey (seed 002, "sign in another way"): anna chooses a text message instead of her app, reads
 * the code on the simulated phone and signs in with it. The phone page passes axe.
 *
 * The only spec that sends anna texts (at most 5 per 5 minutes per person).
 */
import { expect, test } from "./fixtures";
import type { VerifyPage } from "./pages/VerifyPage";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

const ANNA_MOBILE = "+31612345642";

test("anna signs in with a code sent by text message, read from the simulated phone", async ({ page, context, signInPage, securityInfoPage }) => {
  await signInPage.goto("nl");
  const verify: VerifyPage = await signInPage.signInUntilCode(DEMO.anna.username, DEMO_PASSWORD);

  await test.step("sign in another way lists her phone, masked", async () => {
    await expect(page.getByRole("heading", { name: t("nl", "verify.otherWays") })).toBeVisible();
    await page.getByRole("button", { name: t("nl", "verify.textTo", { number: "+31 •• ••• ••42" }) }).click();
    await expect(page.getByTestId("code-sent")).toContainText("+31 •• ••• ••42");
    await expect(page.getByTestId("code-sent")).toContainText("3 minuten");
  });

  const code = await test.step("the text arrives on the simulated phone", async () => {
    const phone = await context.newPage();
    let body = "";
    await expect(async () => {
      await phone.goto(`/nl/phone?number=${encodeURIComponent(ANNA_MOBILE)}`);
      body = (await phone.getByTestId("text-body").first().innerText()).trim();
      expect(body).toMatch(/\b\d{6}\b/);
    }).toPass({ timeout: 15_000 });
    expect(body).toContain("Tweestap");
    await expectNoSeriousViolations(phone);
    await phone.close();
    return /\b(\d{6})\b/.exec(body)![1]!;
  });

  await test.step("the code from the text signs her in", async () => {
    await page.getByLabel(t("nl", "verify.codeLabelSms"), { exact: true }).fill(code);
    await verify.submit.click();
    await expect(page).toHaveURL(pathIs("/nl/security-info"), { timeout: 20_000 });
    await securityInfoPage.expectSignedInAs(DEMO.anna);
  });

  await test.step("security info names how this session signed in: password + text message", async () => {
    await securityInfoPage.expectCurrentSessionSignedInWith(["password", "sms"]);
    await expect(securityInfoPage.methodsOf(securityInfoPage.currentSession)).toHaveText("Wachtwoord + sms");
    await expect(securityInfoPage.methodsOf(securityInfoPage.currentSession)).toHaveAttribute("data-amr", "pwd sms mfa");
  });
});
