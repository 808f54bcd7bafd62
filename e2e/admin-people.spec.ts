/**
 * The administrator imports people from CSV: the dry run names every bad row in Dutch (staff and
 * managers are not imported: they go through the approval flow), the page passes axe, and the
 * corrected file creates everyone. Then four eyes: admin records a manager and grants a staff
 * role, both wait; admin cannot approve his own requests; marieke (the second administrator)
 * approves them, and only then do they hold. marieke is used by this spec only.
 */
import { expect, test } from "./fixtures";
import { AdminPages } from "./pages/AdminPages";
import { SignInPage } from "./pages/SignInPage";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { waitForHydration } from "./support/hydration";
import { t } from "./support/messages";

test("CSV import with a dry run, then a manager and a staff role approved by a second administrator", async ({ page, signInPage, securityInfoPage, newClient }) => {
  const tag = `${Date.now().toString(36)}${test.info().workerIndex}`;
  const member = `lid-${tag}`;
  const lead = `chef-${tag}`;
  const admin = new AdminPages(page, DEMO.admin.username);

  await test.step("admin imports: staff and managers are refused by the dry run, the corrected file is imported", async () => {
    await signInPage.goto("nl");
    await signInPage.signInAs(DEMO.admin.username, DEMO_PASSWORD);
    await securityInfoPage.expectSignedInAs(DEMO.admin);
    await page.getByTestId("admin-people-link").click();
    await expect(page.getByRole("heading", { level: 1, name: t("nl", "admin.peopleTitle") })).toBeVisible();

    const text = page.getByLabel(t("nl", "admin.importText"), { exact: true });
    await waitForHydration(text);
    const header = "username,display_name,email,locale,role,manager";
    await text.fill([header, `${member},Teamlid,${member}@example.test,nl,person,${lead}`, `${lead},Chef,${lead}@example.test,nl,agent,`].join("\n"));
    const report = page.getByTestId("import-report");
    await admin.act(() => page.getByRole("button", { name: t("nl", "admin.dryRun"), exact: true }).click(), report);
    await expect(report).toContainText(t("nl", "admin.importProblems.manager_needs_approval"));
    await expect(report).toContainText(t("nl", "admin.importProblems.role_needs_approval"));
    await expect(page.getByRole("button", { name: t("nl", "admin.importNow"), exact: true })).toBeDisabled();
    await expectNoSeriousViolations(page);

    await text.fill([header, `${member},Teamlid,${member}@example.test,nl,person,`, `${lead},Chef,${lead}@example.test,nl,person,`].join("\n"));
    await admin.act(
      () => page.getByRole("button", { name: t("nl", "admin.dryRun"), exact: true }).click(),
      report.getByText(t("nl", "admin.importSummary", { rows: 2, valid: 2, problems: 0 })),
    );
    await admin.act(() => page.getByRole("button", { name: t("nl", "admin.importNow"), exact: true }).click(), report.getByText(t("nl", "admin.importDone", { created: 2 })));
  });

  await test.step("admin asks for a manager and a staff role: both wait for a second administrator", async () => {
    await admin.gotoPerson(member);
    await admin.setManager(lead, "managerPending");
    await admin.gotoPerson(lead);
    await admin.setRole("agent", "rolePending");
    await admin.gotoApprovals();
    for (const row of [admin.approval("set_manager", member), admin.approval("set_role", lead)]) {
      await expect(row).toContainText(t("nl", "adminApprovals.mine"));
      await expect(row.getByRole("button", { name: t("nl", "adminApprovals.approve"), exact: true })).toHaveCount(0);
    }
    await expectNoSeriousViolations(page);
    // Not yet applied.
    await admin.gotoPerson(member);
    await expect(page.getByLabel(t("nl", "admin.manager"), { exact: true })).toHaveValue("");
  });

  await test.step("marieke approves both", async () => {
    const marieke = await newClient();
    const signIn = new SignInPage(marieke.page);
    await signIn.goto("nl");
    await signIn.signInAs(DEMO.marieke.username, DEMO_PASSWORD);
    const hers = new AdminPages(marieke.page, DEMO.marieke.username);
    await hers.gotoApprovals();
    await expect(hers.approval("set_manager", member)).toContainText(lead);
    await expectNoSeriousViolations(marieke.page);
    await hers.decide("set_manager", member, "approve");
    await hers.decide("set_role", lead, "approve");
  });

  await test.step("now they hold", async () => {
    await admin.gotoPerson(member);
    await expect(page.getByLabel(t("nl", "admin.manager"), { exact: true })).toHaveValue(lead);
    await admin.gotoPerson(lead);
    await expect(page.getByLabel(t("nl", "admin.role"), { exact: true })).toHaveValue("agent");
  });
});
