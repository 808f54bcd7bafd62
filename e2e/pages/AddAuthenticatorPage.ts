import { expect, type Locator, type Page } from "@playwright/test";
import { t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";

/**
 * /{locale}/security-info/authenticator: "Add an authenticator app", first (after "confirm it's you"
 * when needed) the choice (seed 003: receive notifications, or use verification codes), then that
 * way's setup. With notifications:
 * the QR code, and the activation code and URL to type by hand; the page waits for the phone.
 */
export class AddAuthenticatorPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`/${this.locale}/security-info/authenticator`);
    await expect(this.page.getByRole("heading", { level: 1, name: t(this.locale, "addAuthenticator.title"), exact: true })).toBeVisible();
  }

  /** The two ways, each a link described by its hint. */
  way(way: "notifications" | "codes"): Locator {
    return this.page.getByRole("link", { name: t(this.locale, `addAuthenticator.ways.${way}.title`), exact: true });
  }

  /** "Receive notifications": waits until the activation is shown; returns the code and URL as the page shows them. */
  async chooseNotifications(): Promise<{ code: string; url: string }> {
    await expect(this.way("notifications")).toHaveAccessibleDescription(t(this.locale, "addAuthenticator.ways.notifications.hint"));
    await this.way("notifications").click();
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/security-info/authenticator`, "?way=notifications"));
    await expect(this.qrCode).toBeVisible({ timeout: 15_000 });
    await expect(this.status).toHaveText(t(this.locale, "pushSetup.waiting"));
    return { code: (await this.page.getByTestId("activation-code").innerText()).trim(), url: (await this.page.getByTestId("activation-url").innerText()).trim() };
  }

  /** "Use verification codes" (any authenticator app): on to the app's setup (its QR code and key). */
  async chooseCodes(): Promise<void> {
    await expect(this.way("codes")).toHaveAccessibleDescription(t(this.locale, "addAuthenticator.ways.codes.hint"));
    await this.way("codes").click();
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/security-info/authenticator`, "?way=codes"));
  }

  get qrCode(): Locator {
    return this.page.getByTestId("push-activation").getByRole("img");
  }

  get status(): Locator {
    return this.page.getByRole("status").and(this.page.getByTestId("activation-status"));
  }
}
