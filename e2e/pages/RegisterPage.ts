import { expect, type Locator, type Page } from "@playwright/test";
import { seedFromManualKey } from "../support/authenticator";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";
import { ErrorPanel } from "./ErrorPanel";

/**
 * /{locale}/sign-in/register: forced registration of a first authenticator app during sign-in
 * (QR code, the key to type by hand, then the first code from the app).
 */
export class RegisterPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  /** For when the password step sent the browser here; waits until the QR code and code form are shown. */
  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/sign-in/register`), { timeout: 20_000 });
    await expect(this.page.getByRole("heading", { level: 1, name: t(this.locale, "register.title"), exact: true })).toBeVisible();
    await expect(this.setup).toBeVisible();
    await expect(this.qrCode).toBeVisible();
    await waitForHydration(this.form);
  }

  /** The AuthenticatorSetup block (shown once the server has made a seed). */
  get setup(): Locator {
    return this.page.getByTestId("authenticator-setup");
  }

  get qrCode(): Locator {
    const [before] = t(this.locale, "setup.qrAlt").split("{");
    return this.setup.getByRole("img", { name: new RegExp(`^${before!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
  }

  get cannotScan(): Locator {
    return this.setup.locator("summary", { hasText: t(this.locale, "setup.cannotScan") });
  }

  get manualKey(): Locator {
    return this.setup.getByTestId("manual-key");
  }

  get form(): Locator {
    return this.setup.locator("form").filter({ has: this.page.locator("#setup-code") });
  }

  get code(): Locator {
    return this.page.getByLabel(t(this.locale, "setup.codeLabel"), { exact: true });
  }

  get confirm(): Locator {
    return this.page.getByRole("button", { name: t(this.locale, "setup.confirm"), exact: true });
  }

  get errorPanel(): ErrorPanel {
    return new ErrorPanel(this.page, this.locale, this.setup);
  }

  /** Opens "Can't scan it? Enter the key by hand" and reads the key, as someone typing it into the app would. */
  async readManualKey(): Promise<{ manualKey: string; seed: Uint8Array }> {
    await this.cannotScan.click();
    await expect(this.manualKey).toBeVisible();
    const manualKey = (await this.manualKey.innerText()).trim();
    expect(manualKey, "the key is base32 in groups of four").toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})*$/);
    return { manualKey, seed: seedFromManualKey(manualKey) };
  }

  /** Types the app's first code and presses Confirm (the outcome is the caller's to check). */
  async enterCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.confirm.click();
  }

  /** Confirms with a code that works and waits for security info with the "method added" notice. */
  async confirmWith(code: string): Promise<void> {
    await this.enterCode(code);
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/security-info`, "?notice=method-added"), { timeout: 20_000 });
  }
}
