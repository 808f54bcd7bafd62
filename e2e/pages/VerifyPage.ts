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

  /**
   * "Call <number>" under "sign in another way": waits until the page says it is calling and shows
   * the number to type on the phone ("Type 47 on your phone, then #"), and returns those digits.
   */
  async chooseCall(maskedNumber: string): Promise<string> {
    await this.page.getByRole("button", { name: t(this.locale, "verify.callTo", { number: maskedNumber }), exact: true }).click();
    return this.numberToType(maskedNumber);
  }

  /** "Call again" after a call failed: a new call with a new number; returns its digits. */
  async callAgain(maskedNumber: string): Promise<string> {
    await this.page.getByRole("button", { name: t(this.locale, "verify.callAgain"), exact: true }).click();
    return this.numberToType(maskedNumber);
  }

  private async numberToType(maskedNumber: string): Promise<string> {
    // One live region holds both, so a screen reader announces the call and the number.
    const status = this.page.getByRole("status").and(this.page.getByTestId("calling"));
    await expect(status).toContainText(t(this.locale, "verify.calling", { number: maskedNumber }));
    const digits = (await this.matchDigits.innerText()).trim();
    expect(digits).toMatch(/^[1-9][0-9]$/);
    // The whole sentence, as a screen reader reads it out of the status region.
    await expect(status.getByTestId("match-number")).toHaveText(t(this.locale, "verify.matchNumber", { digits }).replace(/<\/?\w+>/g, ""));
    return digits;
  }

  /** The digits the call asks for, shown large while the call rings. */
  get matchDigits(): Locator {
    return this.page.getByTestId("match-digits");
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
