/**
 * Journey (issue 12): jesse signs in by push. The sign-in page offers it first, sends the request
 * when he asks (by keyboard), shows the number to type in the app and counts the answer time
 * down; his phone (the companion authenticator in code, with his demo device key) lists the
 * request with the organisation, app, browser and address, and approves with that number; the
 * page continues by itself, without a reload. Then, on security info, he adds the authenticator
 * on a new phone with the activation code and URL typed by hand, and the page continues by itself
 * when that phone has activated. The push pages pass axe.
 *
 * The only spec that signs jesse in (push fatigue: at most 3 requests per 10 minutes without an approval).
 */
import { expect, test } from "./fixtures";
import { AddAuthenticatorPage } from "./pages/AddAuthenticatorPage";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";
import { demoPhone, newPhone } from "./support/push";
import { pathIs } from "./support/urls";

test("jesse approves his sign-in on his phone with the number the page shows, then adds the app on a new phone by code and URL", async ({
  page,
  signInPage,
  securityInfoPage,
  baseURL,
  clientIp,
}) => {
  const phone = await demoPhone(DEMO.jesse.username, baseURL!);
  await signInPage.goto("nl");
  const verify = await signInPage.signInUntilWay(DEMO.jesse.username, "push", DEMO_PASSWORD);

  let digits = "";
  await test.step("the page sends the request when asked and shows the number to type in the app", async () => {
    digits = await verify.sendPush();
    await expect(verify.pushCountdown).toBeVisible();
    const first = Number(await verify.pushCountdown.getAttribute("data-seconds"));
    expect(first).toBeLessThanOrEqual(120);
    await expect.poll(async () => Number(await verify.pushCountdown.getAttribute("data-seconds")), { timeout: 5000 }).toBeLessThan(first);
    await expectNoSeriousViolations(page);
  });

  await test.step("his phone shows where the request comes from, never the number; the page hears it is on the phone", async () => {
    const listed = await phone.requests();
    expect(listed.status).toBe(200);
    expect(listed.requests).toHaveLength(1);
    const [request] = listed.requests;
    expect(request).toMatchObject({ organisation: "Tweestap Demo", app: "Tweestap", ip: clientIp, browser: expect.stringContaining("Chrome"), numberLength: 2 });
    expect(JSON.stringify(request)).not.toContain(`"${digits}"`);
    await expect(verify.pushStatus).toContainText(t("nl", "verify.ways.push.shown"), { timeout: 10_000 });

    const approved = await phone.answer(request!, "approve", digits);
    expect(approved).toEqual({ status: 200, body: { status: "approved" } });
  });

  await test.step("the sign-in page continues by itself", async () => {
    await expect(page).toHaveURL(pathIs("/nl/security-info"), { timeout: 20_000 });
    await securityInfoPage.expectSignedInAs(DEMO.jesse);
    await securityInfoPage.expectCurrentSessionSignedInWith(["password", "appNotification"]);
  });

  await test.step("security info: add the authenticator on a new phone, typing the code and URL by hand", async () => {
    const add = new AddAuthenticatorPage(page, "nl");
    await add.goto();
    await expectNoSeriousViolations(page);
    const shown = await add.chooseNotifications();
    expect(shown.code).toMatch(/^\d{3}( \d{3}){4}$/);
    expect(shown.url).toMatch(/\/api\/authenticator\/activate\/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expectNoSeriousViolations(page);

    const newOne = await newPhone(baseURL!);
    const activated = await newOne.activate({ activationUrl: shown.url, code: shown.code, deviceName: "Nieuwe telefoon" });
    expect(activated.status).toBe(200);
    // The page saw the phone activate and went back to security info, which names what was added.
    await expect(page).toHaveURL((url) => url.pathname === "/nl/security-info" && url.searchParams.get("notice") === "method-added", { timeout: 20_000 });
    await expect(securityInfoPage.notice).toContainText(t("nl", "methods.labels.push"));
    await expect(securityInfoPage.notice).toContainText("Nieuwe telefoon");
    // The new phone's codes are the account's: it shows them from the secret it got once.
    expect(newOne.code()).toMatch(/^\d{6}$/);
  });
});
