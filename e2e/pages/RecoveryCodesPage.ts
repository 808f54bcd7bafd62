import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";

/** /{locale}/security-info/recovery-codes: how many are left, and making a new set (shown once). */
export class RecoveryCodesPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  /** From security info, by its link. */
  async openFromSecurityInfo(): Promise<void> {
    await this.page.getByTestId("method-page-recovery_code").click();
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/security-info/recovery-codes`));
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(t(this.locale, "recoveryCodes.title"));
    await waitForHydration(this.generateButton);
  }

  get status(): Locator {
    return this.page.getByTestId("recovery-codes-status");
  }

  get generateButton(): Locator {
    return this.page.getByTestId("recovery-codes-generate");
  }

  get shown(): Locator {
    return this.page.getByTestId("recovery-codes-shown");
  }

  /** Makes a set (the session's factor is fresh) and returns the ten codes as shown. */
  async generate(): Promise<string[]> {
    await this.generateButton.click();
    await expect(this.shown).toBeVisible();
    await expect(this.shown.getByRole("status")).toHaveText(t(this.locale, "recoveryCodes.shownOnce"));
    const codes = (await this.shown.getByTestId("recovery-code-list").getByRole("listitem").allInnerTexts()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    return codes;
  }
}
