import { expect, type Locator, type Page } from "@playwright/test";
import { seedFromManualKey } from "../support/authenticator";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";
import { ErrorPanel } from "./ErrorPanel";

/**
 * Setting up an authenticator app (app/_components/AuthenticatorSetup.tsx), at sign-in or in
 * security info: the QR code, "Can't scan it?" with the details to type by hand and the setup
 * link, the link to the companion authenticator, then the app's first code.
 */
export class AuthenticatorSetupPanel {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  /** The block (shown once the server has made a seed). */
  get root(): Locator {
    return this.page.getByTestId("authenticator-setup");
  }

  /** Waits until the QR code and the code form are shown and can be used. */
  async expectShown(): Promise<void> {
    await expect(this.root).toBeVisible({ timeout: 20_000 });
    await expect(this.qrCode).toBeVisible();
    await waitForHydration(this.form);
  }

  get qrCode(): Locator {
    const [before] = t(this.locale, "setup.qrAlt").split("{");
    return this.root.getByRole("img", { name: new RegExp(`^${before!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
  }

  get cannotScan(): Locator {
    return this.root.locator("summary", { hasText: t(this.locale, "setup.cannotScan") });
  }

  get manualKey(): Locator {
    return this.root.getByTestId("manual-key");
  }

  /** The otpauth:// link the QR code holds, shown under "Can't scan it?". */
  get setupLink(): Locator {
    return this.root.getByTestId("setup-link");
  }

  /** "No app? Use the Tweestap authenticator in your browser" (opens in a new tab). */
  get companionLink(): Locator {
    return this.root.getByTestId("companion-link");
  }

  get form(): Locator {
    return this.root.locator("form").filter({ has: this.page.locator("#setup-code") });
  }

  get code(): Locator {
    return this.page.getByLabel(t(this.locale, "setup.codeLabel"), { exact: true });
  }

  get confirm(): Locator {
    return this.page.getByRole("button", { name: t(this.locale, "setup.confirm"), exact: true });
  }

  get errorPanel(): ErrorPanel {
    return new ErrorPanel(this.page, this.locale, this.root);
  }

  async openCannotScan(): Promise<void> {
    if (!(await this.manualKey.isVisible())) await this.cannotScan.click();
    await expect(this.manualKey).toBeVisible();
  }

  /** Opens "Can't scan it? Enter the key by hand" and reads the key, as someone typing it into the app would. */
  async readManualKey(): Promise<{ manualKey: string; seed: Uint8Array }> {
    await this.openCannotScan();
    const manualKey = (await this.manualKey.innerText()).trim();
    expect(manualKey, "the key is base32 in groups of four").toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})*$/);
    return { manualKey, seed: seedFromManualKey(manualKey) };
  }

  /** The organisation and account the details name (what the app shows the account as). */
  async readNames(): Promise<{ issuer: string; accountName: string }> {
    await this.openCannotScan();
    const value = (term: string) => this.root.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]").innerText();
    return { issuer: (await value(t(this.locale, "setup.issuer"))).trim(), accountName: (await value(t(this.locale, "setup.account"))).trim() };
  }

  /** Types the app's first code and presses Confirm (the outcome is the caller's to check). */
  async enterCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.confirm.click();
  }
}
