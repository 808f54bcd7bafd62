/**
 * Journey: the organisation requires two-step verification and bram has no method yet (he is within
 * the onboarding window), so after his password he must set up an authenticator app. He types the
 * key by hand, confirms with the app's first code and is signed in. That code is used up: signing in
 * again with it is refused as replayed; the app's next code works.
 *
 * The only test that signs bram in: after it he has an app for the rest of the run.
 */
import { expect, test } from "./fixtures";
import { SignInPage } from "./pages/SignInPage";
import { codeForStep, recordUsedStep, stepAt, takeCode, waitForStepAfter, waitForStepWithAtLeast } from "./support/authenticator";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";

test("bram sets up an authenticator app at sign-in; its confirmation code cannot be used again", async ({ page, signInPage, securityInfoPage }) => {
  const bram = DEMO.bram.username;
  await signInPage.goto("en");

  const register = await test.step("after the password he is sent to set up two-step verification", async () => {
    const register = await signInPage.signInUntilRegistration(bram, DEMO_PASSWORD);
    await expect(page.getByText(t("en", "register.intro"), { exact: true })).toBeVisible();
    await expect(register.qrCode).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);
    return register;
  });

  await test.step("the registration page, with its QR code, has no serious accessibility violations", async () => {
    await expectNoSeriousViolations(page);
  });

  const { seed } = await test.step("he reads the key by hand (as he would type it into his app)", () => register.readManualKey());

  const confirmation = await test.step("he confirms with the code the app shows and lands on security info", async () => {
    // Early in a 30-second step, so the replay below most likely falls in the same step.
    const step = stepAt(await waitForStepWithAtLeast(20));
    const code = await codeForStep(seed, step);
    await recordUsedStep(bram, step);
    await register.confirmWith(code);
    await securityInfoPage.expectSignedInAs(DEMO.bram);
    await expect(securityInfoPage.notice).toHaveText(t("en", "securityInfo.methodAdded"));
    await expect(securityInfoPage.authenticatorApps).toHaveCount(1);
    await expect(securityInfoPage.removeMethodButton()).toBeVisible();
    return { step, code };
  });

  const verify = await test.step("he signs out and in again: now he is asked for a code", async () => {
    await securityInfoPage.signOut();
    const again = new SignInPage(page);
    await again.expectLoaded("en");
    return again.signInUntilCode(bram, DEMO_PASSWORD);
  });

  await test.step("the code he confirmed with is refused as already used", async () => {
    const panel = await verify.failWith(confirmation.code);
    await panel.expectCode("MFA_CODE_REPLAYED");
    await expect(panel.title).toHaveText(t("en", "errors.MFA_CODE_REPLAYED.title"));
    await expect(panel.message).toHaveText(t("en", "errors.MFA_CODE_REPLAYED.message"));
  });

  // Notices go out in the person's own language: bram reads Dutch.
  await test.step("his mailbox has the notice that a method was added (simulated mailbox, axe-clean)", async () => {
    await expect(async () => {
      await page.goto(`/en/mailbox?to=${encodeURIComponent("bram@demo.tweestap.test")}`);
      await expect(page.getByTestId("mailbox").getByRole("heading", { name: t("nl", "notices.method_added.subject") })).toHaveCount(1);
    }).toPass({ timeout: 15_000 });
    await expectNoSeriousViolations(page);
    await page.goBack();
  });

  await test.step("once the app shows its next code, that one works", async () => {
    await waitForStepAfter(confirmation.step);
    const next = await takeCode(bram, seed, { currentStepOnly: true });
    expect(next.step).toBeGreaterThan(confirmation.step);
    await verify.verifyWith(next.code);
    await securityInfoPage.expectSignedInAs(DEMO.bram);
    await expect(securityInfoPage.authenticatorApps).toHaveCount(1);
  });
});
