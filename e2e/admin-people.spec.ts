/**
 * The administrator imports people from CSV: the dry run names every bad row in Dutch (a manager
 * nobody knows), the page passes axe, and the corrected file creates everyone with their manager.
 */
import { expect, test } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { waitForHydration } from "./support/hydration";
import { t } from "./support/messages";

test("CSV import with a dry run: problems in words, then everyone created with their manager", async ({ page, signInPage, securityInfoPage }) => {
  const tag = `${Date.now().toString(36)}${test.info().workerIndex}`;
  await signInPage.goto("nl");
  await signInPage.signInAs(DEMO.admin.username, DEMO_PASSWORD);
  await securityInfoPage.expectSignedInAs(DEMO.admin);
  await page.getByTestId("admin-people-link").click();
  await expect(page.getByRole("heading", { level: 1, name: t("nl", "admin.peopleTitle") })).toBeVisible();

  const text = page.getByLabel(t("nl", "admin.importText"), { exact: true });
  await waitForHydration(text);
  const header = "username,display_name,email,locale,role,manager";
  await text.fill([header, `lid-${tag},Teamlid,lid-${tag}@example.test,nl,person,chef-${tag}`].join("\n"));
  await page.getByRole("button", { name: t("nl", "admin.dryRun"), exact: true }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText(t("nl", "admin.importProblems.manager_unknown"));
  await expect(page.getByRole("button", { name: t("nl", "admin.importNow"), exact: true })).toBeDisabled();
  await expectNoSeriousViolations(page);

  await text.fill([header, `lid-${tag},Teamlid,lid-${tag}@example.test,nl,person,chef-${tag}`, `chef-${tag},Chef,chef-${tag}@example.test,nl,person,`].join("\n"));
  await page.getByRole("button", { name: t("nl", "admin.dryRun"), exact: true }).click();
  await expect(report).not.toContainText(t("nl", "admin.importProblems.manager_unknown"));
  await page.getByRole("button", { name: t("nl", "admin.importNow"), exact: true }).click();
  await expect(report).toContainText(t("nl", "admin.importDone", { created: 2 }));

  await page.goto(`/nl/admin/people/lid-${tag}`);
  await expect(page.getByLabel(t("nl", "admin.manager"), { exact: true })).toHaveValue(`chef-${tag}`);
});
