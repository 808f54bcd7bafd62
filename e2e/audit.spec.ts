/**
 * The audit trail for administrators: the CSV download is itself audited; the viewer filters,
 * names each action in the page's language, and passes axe.
 */
import { expect, test } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";

test("the administrator's audit trail: CSV download, filter, axe", async ({ page, signInPage, securityInfoPage }) => {
  await signInPage.goto("nl");
  await signInPage.signInAs(DEMO.admin.username, DEMO_PASSWORD);
  await securityInfoPage.expectSignedInAs(DEMO.admin);
  await page.getByTestId("admin-audit-link").click();
  await expect(page.getByRole("heading", { level: 1, name: t("nl", "audit.title"), exact: true })).toBeVisible();

  const download = await page.request.get((await page.getByTestId("audit-csv").getAttribute("href")) as string);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("text/csv");
  expect((await download.text()).split("\r\n")[0]).toContain('"action"');

  await page.getByLabel(t("nl", "audit.filters.action"), { exact: true }).fill("audit.exported");
  await page.getByRole("button", { name: t("nl", "audit.filter"), exact: true }).click();
  await expect(page).toHaveURL(/action=audit\.exported/);
  const actions = await page.getByTestId("audit-table").getByTestId("audit-action").allInnerTexts();
  expect(actions.length).toBeGreaterThan(0);
  for (const action of actions) expect(action).toBe("audit.exported");
  await expect(page.getByTestId("audit-table").locator("tbody tr").first()).toContainText(t("nl", "audit.actionNames.audit.exported"));
  await expectNoSeriousViolations(page);
});
