/**
 * Journey (seed 002, "answer and press #"): emma chooses a call, answers it on the simulated phone
 * and presses #; the sign-in page notices by itself (it polls) and signs her in.
 *
 * The only spec that calls emma.
 */
import { expect, test } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

const EMMA_MOBILE = "+447911123456";

test("emma signs in by answering a call and pressing #", async ({ page, context, signInPage, securityInfoPage }) => {
  await signInPage.goto("en");
  await signInPage.signInUntilCode(DEMO.emma.username, DEMO_PASSWORD);

  await test.step("she chooses a call to her phone, shown masked", async () => {
    await page.getByRole("button", { name: t("en", "verify.callTo", { number: "+44 •• ••• •••56" }) }).click();
    await expect(page.getByTestId("calling")).toHaveText(t("en", "verify.calling", { number: "+44 •• ••• •••56" }));
  });

  await test.step("the phone rings; she answers and presses #", async () => {
    const phone = await context.newPage();
    const ringing = phone.getByTestId("call").filter({ has: phone.getByRole("button", { name: t("en", "phone.answer") }) });
    await expect(async () => {
      await phone.goto(`/en/phone?number=${encodeURIComponent(EMMA_MOBILE)}`);
      await expect(ringing).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expectNoSeriousViolations(phone);
    await ringing.getByRole("button", { name: t("en", "phone.answer") }).click();
    await phone.getByRole("button", { name: t("en", "phone.pressHash") }).click();
    await expect(phone.getByTestId("call").first()).toHaveAttribute("data-state", "confirmed");
    await phone.close();
  });

  await test.step("the sign-in page continues by itself", async () => {
    await expect(page).toHaveURL(pathIs("/en/security-info"), { timeout: 20_000 });
    await securityInfoPage.expectSignedInAs(DEMO.emma);
  });
});
