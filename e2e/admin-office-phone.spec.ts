/**
 * Journey (seed 002, office phone): the administrator sets sanne's office phone and extension on
 * the person page; the people list and the person page pass axe. (sanne's sign-ins elsewhere keep using her app first.)
 */
import { expect, test } from "./fixtures";
import { AdminPages } from "./pages/AdminPages";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";

test("the administrator sets an office phone with extension for a person", async ({ page, signInPage, securityInfoPage }) => {
  await signInPage.goto("nl");
  await signInPage.signInAs(DEMO.admin.username, DEMO_PASSWORD);
  await securityInfoPage.expectSignedInAs(DEMO.admin);
  await page.getByTestId("admin-people-link").click();
  await expect(page.getByRole("heading", { level: 1, name: t("nl", "admin.peopleTitle") })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("link", { name: DEMO.sanne.username, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(DEMO.sanne.displayName);
  await expectNoSeriousViolations(page);

  await page.getByLabel(t("nl", "admin.numberLabel")).fill("+31 20 123 4567");
  await page.getByLabel(t("nl", "admin.extensionLabel")).fill("421");
  // An admin change: "confirm it's you" first if the sign-in's second factor is over 10 minutes old.
  await new AdminPages(page, DEMO.admin.username).act(
    () => page.getByRole("button", { name: t("nl", "admin.save") }).click(),
    page.getByTestId("office-phone").filter({ hasText: "+31201234567 (421)" }),
  );
});
