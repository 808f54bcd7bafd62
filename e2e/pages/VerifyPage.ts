import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";
import { ErrorPanel } from "./ErrorPanel";

/** /{locale}/sign-in/verify: the second step, a code from the authenticator app. */
export class VerifyPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  /** For when the password step sent the browser here; waits until the code form can be used. */
  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/sign-in/verify`), { timeout: 20_000 });
    await expect(this.heading).toBeVisible();
    await waitForHydration(this.form);
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: t(this.locale, "verify.title"), exact: true });
  }

  get form(): Locator {
    return this.page.locator("form").filter({ has: this.page.locator("#code") });
  }

  get code(): Locator {
    return this.page.getByLabel(t(this.locale, "verify.codeLabel"), { exact: true });
  }

  get submit(): Locator {
    return this.page.getByRole("button", { name: t(this.locale, "verify.submit"), exact: true });
  }

  get errorPanel(): ErrorPanel {
    return new ErrorPanel(this.page, this.locale);
  }

  /** Types a code and presses Verify (the outcome is the caller's to check). */
  async enterCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.submit.click();
  }

  /** Enters a code that works and waits until security info is shown. */
  async verifyWith(code: string): Promise<void> {
    await this.enterCode(code);
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/security-info`), { timeout: 20_000 });
  }

  /** Enters a code that is refused and waits for the error panel; the browser stays here. */
  async failWith(code: string): Promise<ErrorPanel> {
    await this.enterCode(code);
    const panel = this.errorPanel;
    await expect(panel.root).toBeVisible();
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/sign-in/verify`));
    return panel;
  }
}
