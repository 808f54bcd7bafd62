/**
 * Journey (seed 002, "sign in another way"): anna chooses a text message instead of her app, reads
 * the code on the simulated phone and signs in with it. While she does, the code page is the text's
 * page: its title, intro, hint, countdown, errors and help link never mention the app (nl and en;
 * the only mention left is the entry under "sign in another way" that offers the app). The code
 * page in its text state and the phone page pass axe.
 *
 * The only spec that sends anna texts (at most 5 per 5 minutes per person): its tests run one
 * after another, so the newest text on her phone is always the one the test asked for.
 */
import { expect, test } from "./fixtures";
import { SimulatedPhonePage } from "./pages/SimulatedPhonePage";
import type { VerifyPage } from "./pages/VerifyPage";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

const ANNA_MOBILE = "+31612345642";
const ANNA_MASKED = "+31 •• ••• ••42";

test.describe.configure({ mode: "serial" });

test("anna signs in with a code sent by text message, read from the simulated phone", async ({ page, context, signInPage, securityInfoPage }) => {
  await signInPage.goto("nl");
  const verify: VerifyPage = await signInPage.signInUntilCode(DEMO.anna.username, DEMO_PASSWORD);

  await test.step("sign in another way names her phone, masked, before anything is sent", async () => {
    await expect(page.getByRole("heading", { name: t("nl", "verify.otherWays") })).toBeVisible();
    await expect(verify.otherWay("sms", ANNA_MASKED)).toHaveAccessibleName(verify.optionName("sms", "mobile", ANNA_MASKED));
    await verify.chooseText(ANNA_MASKED);
    await expect(verify.codeSent).toContainText("3 minuten");
    await expect(verify.codeCountdown).toHaveText(/^De code werkt nog [0-3]:[0-5]\d\.$/);
  });

  await test.step("the text's page never mentions the app, and passes axe", async () => {
    await expect(verify.code).toHaveAccessibleName(t("nl", "verify.ways.sms.codeLabel"));
    await expect(page.getByText(t("nl", "verify.ways.sms.hint"))).toBeVisible();
    await verify.expectNoMentionOfTheApp();
    await expectNoSeriousViolations(page);
  });

  const code = await test.step("the text arrives on the simulated phone", async () => {
    const phone = new SimulatedPhonePage(await context.newPage(), "nl");
    const text = await phone.readText(ANNA_MOBILE);
    expect(text).toContain("Tweestap");
    await expectNoSeriousViolations(phone.page);
    await phone.page.close();
    return SimulatedPhonePage.codeIn(text);
  });

  await test.step("the code from the text signs her in", async () => {
    await verify.enterCode(code);
    await expect(page).toHaveURL(pathIs("/nl/security-info"), { timeout: 20_000 });
    await securityInfoPage.expectSignedInAs(DEMO.anna);
  });

  await test.step("security info names how this session signed in: password + text message", async () => {
    await securityInfoPage.expectCurrentSessionSignedInWith(["password", "sms"]);
    await expect(securityInfoPage.methodsOf(securityInfoPage.currentSession)).toHaveText("Wachtwoord + sms");
    await expect(securityInfoPage.methodsOf(securityInfoPage.currentSession)).toHaveAttribute("data-amr", "pwd sms mfa");
  });
});

test("in English too: a wrong text code is answered about the text, never about the app", async ({ page, context, signInPage, securityInfoPage }) => {
  await signInPage.goto("en");
  const verify = await signInPage.signInUntilCode(DEMO.anna.username, DEMO_PASSWORD);
  await verify.chooseText(ANNA_MASKED);
  await verify.expectNoMentionOfTheApp();

  await test.step("a wrong code: the text's wording, not the catalog's app wording", async () => {
    const panel = await verify.failWith("000000");
    await expect(panel.title).toHaveText(t("en", "verify.ways.sms.errors.MFA_CODE_INVALID.title"));
    await expect(panel.message).toHaveText(t("en", "verify.ways.sms.errors.MFA_CODE_INVALID.message"));
    await expect(panel.root).toHaveAttribute("data-error-code", "MFA_CODE_INVALID");
    await verify.expectNoMentionOfTheApp();
  });

  await test.step("a code of the wrong form: the field says six digits from the text message", async () => {
    await verify.code.fill("123456789012345678901234567890123");
    await verify.submit.click();
    await expect(page.getByText(t("en", "verify.ways.sms.codeForm"), { exact: true })).toBeVisible();
    await verify.expectNoMentionOfTheApp();
  });

  await test.step("the newest text's code signs her in", async () => {
    const phone = new SimulatedPhonePage(await context.newPage(), "en");
    const code = await phone.readCode(ANNA_MOBILE);
    await phone.page.close();
    await verify.code.fill(code);
    await verify.submit.click();
    await expect(page).toHaveURL(pathIs("/en/security-info"), { timeout: 20_000 });
    await securityInfoPage.expectSignedInAs(DEMO.anna);
  });
});
