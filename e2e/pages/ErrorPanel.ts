import { expect, type Locator, type Page } from "@playwright/test";
import { t, type Locale } from "../support/messages";

/** The five fields of View details, in the order the panel shows (and copies) them. */
export interface ErrorDetailsFields {
  code: string;
  correlationId: string;
  sessionId: string;
  timestamp: string;
  page: string;
  /** [label, value] pairs exactly as shown. */
  rows: Array<[string, string]>;
}

/** The error panel every failure shows (app/_components/ErrorPanel.tsx). */
export class ErrorPanel {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly locale: Locale,
    scope: Locator | Page = page,
  ) {
    this.root = scope.getByTestId("error-panel");
  }

  /** The panel's heading: the short name of the failure. */
  get title(): Locator {
    return this.root.getByRole("heading");
  }

  /** The message people read (announced: role="alert"). */
  get message(): Locator {
    return this.root.getByRole("alert");
  }

  get summary(): Locator {
    return this.root.locator("summary");
  }

  get copyButton(): Locator {
    return this.root.getByRole("button", { name: t(this.locale, "errorDetails.copy"), exact: true });
  }

  get helpLink(): Locator {
    return this.root.getByRole("link", { name: t(this.locale, "errorDetails.getHelp"), exact: true });
  }

  async code(): Promise<string | null> {
    return this.root.getAttribute("data-error-code");
  }

  async expectCode(code: string): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.root).toHaveAttribute("data-error-code", code);
  }

  /** Opens "View details". */
  async openDetails(): Promise<void> {
    await expect(this.summary).toHaveText(t(this.locale, "errorDetails.viewDetails"));
    await this.summary.click();
    await expect(this.root.locator("details")).toHaveAttribute("open", "");
    await expect(this.root.getByTestId("error-details")).toBeVisible();
  }

  /** The five fields shown under View details (open it first). */
  async details(): Promise<ErrorDetailsFields> {
    const list = this.root.getByTestId("error-details");
    // The page address is filled in once the panel is mounted in the browser.
    await expect(list.locator("dd").nth(4)).not.toBeEmpty();
    const labels = await list.locator("dt").allInnerTexts();
    const values = await list.locator("dd").allInnerTexts();
    expect(labels, "View details shows exactly five labelled fields").toHaveLength(5);
    expect(values).toHaveLength(5);
    const rows = labels.map((label, i): [string, string] => [label.trim(), values[i]!.trim()]);
    const [code, correlationId, sessionId, timestamp, page] = rows.map(([, value]) => value) as [string, string, string, string, string];
    return { code, correlationId, sessionId, timestamp, page, rows };
  }

  /** Presses Copy and returns what landed on the clipboard. */
  async copy(): Promise<string> {
    await this.copyButton.click();
    await expect(this.root.getByText(t(this.locale, "errorDetails.copied"), { exact: true })).toBeVisible();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Follows Get help to the wizard that matches this failure (its first step, prefilled). */
  async getHelp(wizard: string): Promise<void> {
    await this.helpLink.click();
    await expect(this.page).toHaveURL((url) => url.pathname === `/${this.locale}/help/wizards/${wizard}`);
  }
}
