import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";
import { AuthenticatorSetupPanel } from "./AuthenticatorSetupPanel";
import type { ErrorPanel } from "./ErrorPanel";

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

  /** The authenticator setup on this page (QR code, key by hand, first code). */
  get panel(): AuthenticatorSetupPanel {
    return new AuthenticatorSetupPanel(this.page, this.locale);
  }

  get setup(): Locator {
    return this.panel.root;
  }

  get qrCode(): Locator {
    return this.panel.qrCode;
  }

  get cannotScan(): Locator {
    return this.panel.cannotScan;
  }

  get manualKey(): Locator {
    return this.panel.manualKey;
  }

  get form(): Locator {
    return this.panel.form;
  }

  get code(): Locator {
    return this.panel.code;
  }

  get confirm(): Locator {
    return this.panel.confirm;
  }

  get errorPanel(): ErrorPanel {
    return this.panel.errorPanel;
  }

  /** Opens "Can't scan it? Enter the key by hand" and reads the key, as someone typing it into the app would. */
  readManualKey(): Promise<{ manualKey: string; seed: Uint8Array }> {
    return this.panel.readManualKey();
  }

  /** Types the app's first code and presses Confirm (the outcome is the caller's to check). */
  enterCode(code: string): Promise<void> {
    return this.panel.enterCode(code);
  }

  /** Confirms with a code that works and waits for security info with the "method added" notice. */
  async confirmWith(code: string): Promise<void> {
    await this.enterCode(code);
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/security-info`, "?notice=method-added"), { timeout: 20_000 });
  }
}
