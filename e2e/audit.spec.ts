/**
 * The audit trail for administrators: the viewer passes axe, filters, and downloads as CSV.
 */
import { expect, test } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";

test("the administrator's audit trail: filter, axe, CSV download", async ({ page, signInPage, securityInfoPage }) => {
  await signInPage.goto("nl");
  await signInPage.signInAs(DEMO.admin.username, DEMO_PASSWORD);
  await securityInfoPage.expectSignedInAs(DEMO.admin);
  await page.getByTestId("admin-audit-link").click();
  await expect(page.getByRole("heading", { level: 1, name: t("nl", "audit.title"), exact: true })).toBeVisible();
  await page.getByLabel(t("nl", "audit.filters.action"), { exact: true }).fill("method.added");
  await page.getByRole("button", { name: t("nl", "audit.filter"), exact: true }).click();
  await expect(page).toHaveURL(/action=method\.added/);
  const actions = await page.getByTestId("audit-table").locator("tbody td:nth-child(2)").allInnerTexts();
  for (const action of actions) expect(action).toBe("method.added");
  await expectNoSeriousViolations(page);

  const download = await page.request.get(await page.getByTestId("audit-csv").getAttribute("href") as string);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("text/csv");
  expect((await download.text()).split("\r\n")[0]).toContain('"action"');
});
