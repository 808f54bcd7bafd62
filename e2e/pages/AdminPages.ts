import { expect, type Locator, type Page } from "@playwright/test";
import { submitDemoCode } from "../support/authenticator";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";

/**
 * The administrator's pages (/{locale}/admin/people, a person's page, /{locale}/admin/approvals)
 * for a signed-in demo administrator. Every admin change needs a fresh second factor: when the
 * page asks "confirm it's you", `act` enters the administrator's current code and the change runs again.
 */
export class AdminPages {
  constructor(
    readonly page: Page,
    readonly username: string,
    readonly locale: Locale = "nl",
  ) {}

  async gotoPeople(): Promise<void> {
    await this.page.goto(`/${this.locale}/admin/people`);
    await expect(this.page.getByRole("heading", { level: 1, name: t(this.locale, "admin.peopleTitle") })).toBeVisible();
  }

  async gotoPerson(username: string): Promise<void> {
    await this.page.goto(`/${this.locale}/admin/people/${encodeURIComponent(username)}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toContainText(username);
    await waitForHydration(this.page.getByRole("button", { name: t(this.locale, "admin.saveRole"), exact: true }));
  }

  async gotoApprovals(): Promise<void> {
    await this.page.goto(`/${this.locale}/admin/approvals`);
    await expect(this.page.getByRole("heading", { level: 1, name: t(this.locale, "adminApprovals.title") })).toBeVisible();
  }

  /** Clicks an admin action and waits until `done` shows, confirming with a code first if the page asks. */
  async act(click: () => Promise<void>, done: Locator): Promise<void> {
    await click();
    const confirm = this.page.getByTestId("confirm-identity");
    await expect(done.or(confirm).first()).toBeVisible({ timeout: 20_000 });
    if (await done.isVisible()) return;
    const field = confirm.getByLabel(t(this.locale, "confirmIdentity.codeLabel"), { exact: true });
    await waitForHydration(field);
    await submitDemoCode(this.username, {}, async (code) => {
      await field.fill(code);
      await confirm.getByRole("button", { name: t(this.locale, "confirmIdentity.submit"), exact: true }).click();
    });
    await expect(done).toBeVisible({ timeout: 20_000 });
  }

  get accessStatus(): Locator {
    return this.page.getByTestId("access-status");
  }

  /** On a person's page: asks for a new role; `expected` is the status message key it should end in. */
  async setRole(role: "person" | "agent" | "admin", expected: "roleSaved" | "rolePending"): Promise<void> {
    await this.page.getByLabel(t(this.locale, "admin.role"), { exact: true }).selectOption(role);
    await this.act(
      () => this.page.getByRole("button", { name: t(this.locale, "admin.saveRole"), exact: true }).click(),
      this.accessStatus.filter({ hasText: t(this.locale, `admin.${expected}`) }),
    );
  }

  /** On a person's page: asks for a manager (a username, or empty for none). */
  async setManager(manager: string, expected: "managerSaved" | "managerPending"): Promise<void> {
    await this.page.getByLabel(t(this.locale, "admin.manager"), { exact: true }).fill(manager);
    await this.act(
      () => this.page.getByRole("button", { name: t(this.locale, "admin.saveManager"), exact: true }).click(),
      this.accessStatus.filter({ hasText: t(this.locale, `admin.${expected}`) }),
    );
  }

  /** On the approvals page: the pending change of this kind about this username. */
  approval(kind: "create_person" | "set_role" | "set_manager", username: string): Locator {
    return this.page.locator(`[data-testid="admin-approval"][data-approval-kind="${kind}"][data-approval-username="${username}"]`);
  }

  async decide(kind: "create_person" | "set_role" | "set_manager", username: string, decision: "approve" | "refuse"): Promise<void> {
    const row = this.approval(kind, username);
    const button = row.getByRole("button", { name: t(this.locale, `adminApprovals.${decision}`), exact: true });
    await waitForHydration(button);
    await this.act(
      () => button.click(),
      row.getByTestId("approval-outcome").filter({ hasText: t(this.locale, decision === "approve" ? "adminApprovals.approved" : "adminApprovals.refused") }),
    );
  }
}
