/**
 * Journey (issue 11, step-up with any method; moves the server clock): henk's only phone is the
 * office phone the administrator set (a fixed line: calls only). He signs in by call; 11 minutes
 * later, when his second factor is no longer fresh, he wants to add an authenticator app and is
 * asked to confirm it's him. "Confirm it's you" offers the call to his office phone (there is no
 * code he could be sent): a declined call is refused with its own code, then he has the office
 * phone called again, answers, types the number the panel shows and presses #, and the panel goes
 * on by itself to the app's setup. henk is used by this spec only.
 */
import { expect, test } from "../fixtures";
import { AddAuthenticatorPage } from "../pages/AddAuthenticatorPage";
import { ConfirmIdentityPanel } from "../pages/ConfirmIdentityPanel";
import { SimulatedPhonePage } from "../pages/SimulatedPhonePage";
import { VerifyPage } from "../pages/VerifyPage";
import { expectNoSeriousViolations } from "../support/axe";
import { DEMO, DEMO_PASSWORD } from "../support/demo";
import { t } from "../support/messages";
import { pathIs } from "../support/urls";

const OFFICE = "+31302345678";
const OFFICE_MASKED = "+31 •• ••• ••78";
const MINUTE = 60;

test("a person with only an office phone confirms it's him by call", async ({ page, context, signInPage, securityInfoPage, serverClock }) => {
  const phone = new SimulatedPhonePage(await context.newPage(), "nl");

  await test.step("henk signs in by a call to his office phone", async () => {
    await signInPage.goto("nl");
    await signInPage.signInWithPassword(DEMO.henk.username, DEMO_PASSWORD);
    await expect(page).toHaveURL(pathIs("/nl/sign-in/verify"), { timeout: 20_000 });
    const verify = new VerifyPage(page, "nl");
    await verify.expectWay("voice");
    const digits = await verify.callMe(OFFICE_MASKED);
    await phone.answerRingingCall(OFFICE);
    await expect(phone.call).toContainText(t("nl", "notices.sign_in_call.body"));
    await phone.typeAndPressHash(digits);
    await phone.expectCallState("confirmed");
    await expect(page).toHaveURL(pathIs("/nl/security-info"), { timeout: 20_000 });
    await securityInfoPage.expectSignedInAs(DEMO.henk);
  });

  const confirm = new ConfirmIdentityPanel(page, "nl");
  await test.step("11 minutes later, adding an app asks him to confirm it's him: the one way is a call to his office phone", async () => {
    await serverClock.advance(11 * MINUTE);
    await page.goto("/nl/security-info/authenticator");
    await confirm.expectShown();
    // One way, so no choice: the call, naming his office phone; never a code he could not be sent.
    await expect(confirm.ways).toHaveCount(0);
    await expect(confirm.root.getByTestId("method-label")).toHaveText(`${t("nl", "methods.labels.office")} ${OFFICE_MASKED}`);
    await expect(confirm.root.getByRole("button", { name: t("nl", "verify.ways.voice.callMe", { number: OFFICE_MASKED }), exact: true })).toBeVisible();
    await expect(confirm.sendButton).toHaveCount(0);
    await expectNoSeriousViolations(page);
  });

  await test.step("he declines the first call: the panel says so, and offers to call again", async () => {
    await confirm.callMe(OFFICE_MASKED);
    await expect(confirm.ringCountdown).toBeVisible();
    await phone.declineRingingCall(OFFICE);
    await phone.expectCallState("declined");
    await expect(confirm.errorPanel.title).toHaveText(t("nl", "errors.MFA_CALL_DECLINED.title"), { timeout: 20_000 });
    await expect(confirm.matchDigits).toHaveCount(0);
    await expect(confirm.ringCountdown).toHaveCount(0);
  });

  await test.step("called again, he answers, types the number the panel shows and #: the panel goes on to the app's setup", async () => {
    const digits = await confirm.callAgain(OFFICE_MASKED);
    await expect(confirm.ringCountdown).toBeVisible();
    await expectNoSeriousViolations(page);
    await phone.answerRingingCall(OFFICE);
    // This call says why it rings: someone signed in wants to confirm, not a sign-in.
    await expect(phone.call).toContainText(t("nl", "notices.step_up_call.body"));
    await expect(phone.call).not.toContainText(digits);
    await expect(confirm.callStatus).toContainText(t("nl", "verify.ways.voice.answered"), { timeout: 10_000 });
    await phone.typeAndPressHash(digits);
    await phone.expectCallState("confirmed");
    // Confirmed: the page asks how to add the app; verification codes.
    await new AddAuthenticatorPage(page, "nl").chooseCodes();
    await expect(page.getByTestId("authenticator-setup")).toBeVisible({ timeout: 20_000 });
    await expect(confirm.root).toHaveCount(0);
  });
});
