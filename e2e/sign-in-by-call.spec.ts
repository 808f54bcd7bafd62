/**
 * Journey (seed 002, hardened in issue 10 with number matching): emma chooses a call; the sign-in
 * page shows two digits; she answers on the simulated phone, types those digits on its keypad and
 * presses #; the sign-in page notices by itself (it polls) and signs her in. # alone approves
 * nothing: MFA_CALL_WRONG_NUMBER, and she calls again. "Call me" names her masked number before it
 * is pressed; while it rings the page names the number it calls and counts the ring time down.
 *
 * The only spec that calls emma.
 */
import { expect, test } from "./fixtures";
import { SimulatedPhonePage } from "./pages/SimulatedPhonePage";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

const EMMA_MOBILE = "+447911123456";
const EMMA_MASKED = "+44 •• ••• •••56";

test("emma signs in by answering a call and typing the number the sign-in page shows, then #", async ({ page, context, signInPage, securityInfoPage }) => {
  await signInPage.goto("en");
  const verify = await signInPage.signInUntilCode(DEMO.emma.username, DEMO_PASSWORD);

  await test.step('"Call me" names her phone, masked, before it is pressed', async () => {
    await expect(verify.otherWay("voice", EMMA_MASKED)).toHaveAccessibleName(verify.optionName("voice", "mobile", EMMA_MASKED));
  });

  await test.step("# alone, without the number, approves nothing", async () => {
    const shown = await verify.chooseCall(EMMA_MASKED);
    // The call's page: its own title and intro, the number it calls, the ring time counting down.
    await verify.expectWay("voice");
    await verify.expectNoMentionOfTheApp();
    await verify.expectRingCountingDown();
    const phone = new SimulatedPhonePage(await context.newPage(), "en");
    await phone.answerRingingCall(EMMA_MOBILE);
    // What the call says (shown on the answered call) asks for the number and never says it.
    await expect(phone.call).toContainText(t("en", "notices.sign_in_call.body"));
    await expect(phone.call).not.toContainText(shown);
    await phone.typeAndPressHash("");
    await phone.expectCallState("wrong_number");
    await phone.page.close();
    await expect(verify.errorPanel.title).toHaveText(t("en", "errors.MFA_CALL_WRONG_NUMBER.title"), { timeout: 20_000 });
    await expect(verify.matchDigits).toHaveCount(0);
    await expect(verify.ringCountdown).toHaveCount(0);
  });

  let digits = "";
  await test.step("she calls again: the page shows the number to type, large and in its status region", async () => {
    digits = await verify.callAgain(EMMA_MASKED);
    await expectNoSeriousViolations(page);
  });

  await test.step("the phone rings; she answers, types the number on the keypad and presses #", async () => {
    const phone = new SimulatedPhonePage(await context.newPage(), "en");
    await phone.answerRingingCall(EMMA_MOBILE);
    // The sign-in page hears that the call was answered (it polls): no more ring time.
    await expect(verify.callStatus).toContainText(t("en", "verify.ways.voice.answered"), { timeout: 10_000 });
    await expect(verify.ringCountdown).toHaveCount(0);
    await expectNoSeriousViolations(phone.page);
    await phone.typeAndPressHash(digits);
    await phone.expectCallState("confirmed");
    await phone.page.close();
  });

  await test.step("the sign-in page continues by itself", async () => {
    await expect(page).toHaveURL(pathIs("/en/security-info"), { timeout: 20_000 });
    await securityInfoPage.expectSignedInAs(DEMO.emma);
    // Her session says how: "Password + phone call".
    await securityInfoPage.expectCurrentSessionSignedInWith(["password", "voice"]);
  });
});
