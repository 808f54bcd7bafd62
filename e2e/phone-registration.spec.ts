/**
 * Journey (seed 003, first-time setup): daan has no method; at sign-in he chooses a mobile phone,
 * gets a code by text on the simulated phone, confirms it and is signed in; then he is asked for a
 * backup phone (which he may skip). The registration and backup pages pass axe.
 *
 * The only test that signs daan in: after it he has a phone for the rest of the run.
 */
import { expect, test } from "./fixtures";
import { SimulatedPhonePage } from "./pages/SimulatedPhonePage";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

const DAAN_NATIONAL = "06 2345 6781";
const DAAN_E164 = "+31623456781";

test("daan registers his mobile phone as his first method and is asked for a backup phone", async ({ page, context, signInPage, securityInfoPage }) => {
  await signInPage.goto("nl");
  await signInPage.signInUntilRegistration(DEMO.daan.username, DEMO_PASSWORD);

  await test.step("he chooses a mobile phone and types his number", async () => {
    await page.getByLabel(t("nl", "phoneSetup.optionPhone")).check();
    await expectNoSeriousViolations(page);
    await page.getByLabel(t("nl", "phoneSetup.numberLabel")).fill(DAAN_NATIONAL);
    await page.getByRole("button", { name: t("nl", "phoneSetup.send") }).click();
    await expect(page.getByTestId("phone-code-sent")).toContainText("+31 •• ••• ••81");
  });

  const code = await test.step("the code arrives by text on the simulated phone", async () => {
    const phone = new SimulatedPhonePage(await context.newPage(), "nl");
    const code = await phone.readCode(DAAN_E164);
    await phone.page.close();
    return code;
  });

  await test.step("the code confirms the number; he is signed in and asked for a backup phone", async () => {
    await page.getByLabel(t("nl", "phoneSetup.codeLabel")).fill(code);
    await page.getByRole("button", { name: t("nl", "phoneSetup.confirm") }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/nl/security-info/phone" && url.searchParams.get("backup") === "1", { timeout: 20_000 });
    await expect(page.getByRole("heading", { level: 1, name: t("nl", "addPhone.backupTitle") })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  await test.step("he skips it for now; his phone is listed, masked", async () => {
    await page.getByTestId("skip-backup").click();
    await expect(page).toHaveURL(pathIs("/nl/security-info"));
    await securityInfoPage.expectSignedInAs(DEMO.daan);
    await expect(page.getByTestId("methods")).toContainText(`${t("nl", "methods.labels.mobile")} +31 •• ••• ••81`);
  });
});
