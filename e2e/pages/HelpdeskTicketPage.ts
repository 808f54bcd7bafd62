import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";

/** /{locale}/helpdesk/tickets/{reference}: the helpdesk's view of one ticket. */
export class HelpdeskTicketPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  async goto(reference: string): Promise<void> {
    await this.page.goto(`/${this.locale}/helpdesk/tickets/${reference}`);
    await expect(this.root).toBeVisible();
    await expect(this.page.getByText(reference, { exact: true })).toBeVisible();
  }

  get root(): Locator {
    return this.page.getByTestId("helpdesk-ticket");
  }

  get diagnosis(): Locator {
    return this.root.getByTestId("diagnosis");
  }

  /** The finding named by its id, with its title in this language. */
  async expectFinding(finding: string): Promise<void> {
    await expect(this.diagnosis).toHaveAttribute("data-finding", finding);
    await expect(this.diagnosis.getByTestId("diagnosis-finding")).toContainText(t(this.locale, `diagnosis.findings.${finding}.title`));
  }

  /** The sign-in's events, as "step · result" in order (the timeline). */
  async steps(): Promise<string[]> {
    return this.diagnosis.getByTestId("diagnosis-steps").locator("li").allInnerTexts();
  }

  /** The approvals panel, once its form answers clicks. */
  async approvals(): Promise<Locator> {
    const panel = this.page.getByTestId("approvals");
    await waitForHydration(panel.locator("form"));
    return panel;
  }
}
