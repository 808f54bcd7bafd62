/**
 * Journey: the companion authenticator is the person's phone. mila adds it in security info (the
 * portal links to it, on its own origin), types the key by hand into it in a second browser,
 * confirms with the code it shows, and signs in with its codes: online, and after the network is
 * cut (the service worker keeps the app, and the app computes its codes itself).
 *
 * The codes are read off the companion's screen, never computed here: the spec only checks the
 * companion agrees with otplib (e2e/support/authenticator.ts) and notes the used steps in the run's
 * ledger. mila is signed in by this spec only.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AuthenticatorAppPage, authenticatorOrigin } from "./pages/AuthenticatorAppPage";
import { SignInPage } from "./pages/SignInPage";
import { codeForStep, demoTotpSeed, recordUsedStep, stepAt, waitForStepAfter, waitForStepWithAtLeast } from "./support/authenticator";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";

const mila = DEMO.mila;

/** Reloads a page and checks every response of its origin came from the service worker. */
async function reloadFromServiceWorker(page: Page): Promise<void> {
  const origin = new URL(page.url()).origin;
  const notFromWorker: string[] = [];
  const listener = (response: import("@playwright/test").Response) => {
    if (new URL(response.url()).origin === origin && !response.fromServiceWorker()) notFromWorker.push(response.url());
  };
  page.on("response", listener);
  await page.reload();
  await page.waitForLoadState("load");
  page.off("response", listener);
  expect(notFromWorker, "responses that did not come from the service worker").toEqual([]);
}

test("mila adds the companion authenticator and signs in with its codes, also with the network cut", async ({ page, signInPage, securityInfoPage, newClient }) => {
  test.setTimeout(150_000);

  const panel = await test.step("signed in with her current app, she starts adding an authenticator app", async () => {
    await signInPage.goto("nl");
    await signInPage.signInAs(mila.username, DEMO_PASSWORD);
    await securityInfoPage.expectSignedInAs(mila);
    await expect(securityInfoPage.authenticatorApps).toHaveCount(1);
    return securityInfoPage.openAddAuthenticator();
  });

  const phone = await newClient();
  const app = new AuthenticatorAppPage(phone.page, "nl");

  await test.step("the setup page links to the companion authenticator on its own origin; it opens in her language and is kept for offline use", async () => {
    await expect(panel.companionLink).toHaveAttribute("href", `${authenticatorOrigin()}/authenticator`);
    await expect(panel.companionLink).toHaveAttribute("target", "_blank");
    expect(new URL(authenticatorOrigin()).origin).not.toBe(new URL(page.url()).origin);
    await app.open((await panel.companionLink.getAttribute("href"))!);
    await app.expectReadyOffline();
    // Nothing of the portal's: no cookies on the companion's origin.
    expect(await phone.context.cookies(authenticatorOrigin())).toEqual([]);
  });

  const { label, seed } = await test.step("she types the details under “Can't scan it?” into the companion", async () => {
    const names = await panel.readNames();
    const { manualKey, seed } = await panel.readManualKey();
    expect(names).toEqual({ issuer: "Tweestap Demo", accountName: mila.username });
    await app.enterKeyByHand({ accountName: names.accountName, issuer: names.issuer, key: manualKey });
    const label = `${names.issuer} (${names.accountName})`;
    await app.expectAdded(label);
    await expect(app.secondsLeft(label)).toHaveText(/^Nog \d{1,2} seconden?$/);
    return { label, seed };
  });

  const confirmed = await test.step("she confirms with the code the companion shows", async () => {
    const step = stepAt(await waitForStepWithAtLeast(12));
    const code = await app.readCodeFor(label, step);
    // The companion (WebCrypto) and otplib agree on the code.
    expect(code).toBe(await codeForStep(seed, step));
    await recordUsedStep(mila.username, step);
    await securityInfoPage.confirmNewAuthenticator(panel, code);
    await expect(securityInfoPage.authenticatorApps).toHaveCount(2);
    return step;
  });

  const online = await test.step("she signs out and signs in with the companion's next code", async () => {
    await securityInfoPage.signOut();
    const again = new SignInPage(page);
    await again.expectLoaded("nl");
    const verify = await again.signInUntilCode(mila.username);
    const step = stepAt(await waitForStepAfter(confirmed));
    const code = await app.readCodeFor(label, step);
    // A code of the companion's key, not of her first app's.
    expect(code).not.toBe(await codeForStep(demoTotpSeed(mila.username), step));
    await recordUsedStep(mila.username, step);
    await verify.verifyWith(code);
    await securityInfoPage.expectSignedInAs(mila);
    return step;
  });

  await test.step("with the network cut, the companion still opens (from its service worker) and shows her account", async () => {
    await phone.context.setOffline(true);
    await reloadFromServiceWorker(phone.page);
    await app.expectLoaded();
    await expect(app.account(label)).toHaveCount(1);
    // The start address too, and the other language.
    await app.open(`${authenticatorOrigin()}/authenticator`);
    await phone.page.getByRole("link", { name: t("nl", "authenticator.otherLanguage"), exact: true }).click();
    const english = new AuthenticatorAppPage(phone.page, "en");
    await english.expectLoaded();
    await expect(english.account(label)).toHaveCount(1);
    await phone.page.goto(`${authenticatorOrigin()}/authenticator/nl`);
    await app.expectLoaded();
  });

  await test.step("a code it shows offline signs her in", async () => {
    await securityInfoPage.signOut();
    const again = new SignInPage(page);
    await again.expectLoaded("nl");
    const verify = await again.signInUntilCode(mila.username);
    const step = stepAt(await waitForStepAfter(online));
    const code = await app.readCodeFor(label, step);
    expect(code).toBe(await codeForStep(seed, step));
    await recordUsedStep(mila.username, step);
    await verify.verifyWith(code);
    await securityInfoPage.expectSignedInAs(mila);
  });
});

test("the companion names what is wrong with a setup link, and accounts are renamed and removed after a confirmation", async ({ newClient }) => {
  const phone = await newClient({ locale: "en-GB" });
  const app = new AuthenticatorAppPage(phone.page, "en");
  await app.open();
  await expect(phone.page.getByText(t("en", "authenticator.noAccounts"), { exact: true })).toBeVisible();

  await test.step("a link that is not a setup link, or one for counter codes, is refused with the reason", async () => {
    await app.enterSetupLink("https://example.test/not-a-setup-link");
    await expect(app.linkForm.getByText(t("en", "authenticator.problems.notALink"), { exact: true })).toBeVisible();
    await app.enterSetupLink("otpauth://hotp/Example:jo?secret=JBSWY3DPEHPK3PXPJBSWY3DP&counter=0");
    await expect(app.linkForm.getByText(t("en", "authenticator.problems.notTimeBased"), { exact: true })).toBeVisible();
    await expect(app.accounts).toHaveCount(0);
  });

  await test.step("a pasted setup link adds the account with its code", async () => {
    await app.enterSetupLink("otpauth://totp/Example%20Ltd:jo?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Example%20Ltd");
    await app.expectAdded("Example Ltd (jo)");
    const shown = await app.readCode("Example Ltd (jo)");
    expect(shown.code).toMatch(/^\d{6}$/);
    // "Copy code" puts the digits on the clipboard (the code of this step or, just after a change, the next).
    await app.copyCode("Example Ltd (jo)");
    const copied = await phone.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^\d{6}$/);
    if (copied !== shown.code) expect((await app.readCode("Example Ltd (jo)")).step).toBeGreaterThan(shown.step);
  });

  await test.step("renamed, it keeps its code", async () => {
    await app.rename("Example Ltd (jo)", "Work");
    await expect(app.account("Work").getByTestId("account-code")).toHaveAttribute("data-code", /^\d{6}$/);
  });

  await test.step("removing asks first: “keep it” keeps it, “yes, remove” removes it", async () => {
    const dialog = await app.askToRemove("Work");
    await expect(dialog).toContainText(t("en", "authenticator.removeWarning"));
    await app.keep(dialog);
    await expect(app.account("Work")).toHaveCount(1);
    await app.confirmRemoval(await app.askToRemove("Work"), "Work");
    // The list is empty again, after a reload too (it was removed from the device's storage).
    await phone.page.reload();
    await app.expectLoaded();
    await expect(app.accounts).toHaveCount(0);
  });
});
