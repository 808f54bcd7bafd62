/**
 * Journey: a demo person with an authenticator app signs in with the password and then the code
 * the app shows now. A wrong code, or a code from a phone whose clock is off, is refused with an
 * error panel that says which of the two it was.
 *
 * emma is only given wrong codes here (two per run, far from the lock at 10): the clock-drift check
 * needs a person who has not used a code of the last ten minutes (an older step counts as replayed).
 */
import { expect, test } from "./fixtures";
import { demoTotpSeed, serverNowSeconds, submitDemoCode, totpCode, waitForStepWithAtLeast, wrongCode } from "./support/authenticator";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("the demo person signs in with password + current code", async ({ signInPage, securityInfoPage, clientIp }) => {
  await signInPage.goto("nl");
  const verify = await signInPage.signInUntilCode(DEMO.anna.username, DEMO_PASSWORD);
  await expect(verify.code).toHaveAttribute("autocomplete", "one-time-code");
  await expect(verify.code).toHaveAttribute("inputmode", "numeric");

  // What anna's phone shows now: the current 30-second step of her seed (derived from the server's keys).
  await submitDemoCode(DEMO.anna.username, { currentStepOnly: true }, (code) => verify.verifyWith(code));

  await securityInfoPage.expectSignedInAs(DEMO.anna);
  await expect(securityInfoPage.authenticatorApps).toHaveCount(1);
  await expect(securityInfoPage.removeMethodButton()).toBeVisible();
  await expect(securityInfoPage.addAuthenticatorLink).toHaveAttribute("href", "/nl/security-info/authenticator");
  // This sign-in is among her recent sign-ins: signed in, from this browser's address, with its correlation ID.
  const thisSignIn = securityInfoPage.recentSignInsFrom(clientIp);
  await expect(thisSignIn).toHaveCount(1);
  await expect(thisSignIn).toContainText(t("nl", "securityInfo.outcomes.signed_in"));
  expect((await thisSignIn.locator("td").last().innerText()).trim()).toMatch(UUID);
});

test("a wrong code shows the error panel with MFA_CODE_INVALID", async ({ page, signInPage }) => {
  await signInPage.goto("en");
  const verify = await signInPage.signInUntilCode(DEMO.emma.username, DEMO_PASSWORD);

  // Six digits, but not what her app shows at any time within ten minutes.
  const code = await wrongCode(demoTotpSeed(DEMO.emma.username), await serverNowSeconds());
  const panel = await verify.failWith(code);

  await panel.expectCode("MFA_CODE_INVALID");
  await expect(panel.title).toHaveText(t("en", "errors.MFA_CODE_INVALID.title"));
  await expect(panel.message).toHaveText(t("en", "errors.MFA_CODE_INVALID.message"));
  await expect(panel.helpLink).toHaveAttribute("href", /^\/en\/help\/wizards\/no-code\?code=MFA_CODE_INVALID&cid=/);
  // She stays on the code step, with an empty field for the next try.
  await expect(page).toHaveURL(pathIs("/en/sign-in/verify"));
  await expect(verify.code).toHaveValue("");
});

test("a code from a phone whose clock is 3 minutes behind shows MFA_CLOCK_DRIFT", async ({ page, signInPage }) => {
  await signInPage.goto("nl");
  const verify = await signInPage.signInUntilCode(DEMO.emma.username, DEMO_PASSWORD);

  // The code her phone would show if its clock were 3 minutes behind the server's. Read early in a
  // 30-second step, so the server checks it in the same step and finds exactly 6 steps (3 minutes).
  const now = await waitForStepWithAtLeast(10);
  const code = await totpCode(demoTotpSeed(DEMO.emma.username), now - 180);
  const panel = await verify.failWith(code);

  await panel.expectCode("MFA_CLOCK_DRIFT");
  await expect(panel.title).toHaveText(t("nl", "errors.MFA_CLOCK_DRIFT.title"));
  await expect(panel.message).toContainText("ongeveer 3 minuten achter");
  await expect(page).toHaveURL(pathIs("/nl/sign-in/verify"));
});
