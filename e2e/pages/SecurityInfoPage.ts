import { expect, type Locator, type Page } from "@playwright/test";
import { t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";

/** /{locale}/security-info: who is signed in, their sessions, sign out (everywhere). */
export class SecurityInfoPage {
  locale: Locale = "nl";

  constructor(readonly page: Page) {}

  async goto(locale: Locale = "nl"): Promise<void> {
    this.locale = locale;
    await this.page.goto(`/${locale}/security-info`);
  }

  /** Expects security info, in `locale` (by default: the language of the current address). */
  async expectLoaded(locale?: Locale): Promise<void> {
    locale ??= new URL(this.page.url()).pathname.split("/")[1] === "en" ? "en" : "nl";
    this.locale = locale;
    await expect(this.page).toHaveURL(pathIs(`/${locale}/security-info`));
    await expect(this.page.getByRole("heading", { level: 1, name: t(locale, "securityInfo.title"), exact: true })).toBeVisible();
  }

  get signedInAs(): Locator {
    return this.page.getByTestId("signed-in-as");
  }

  /** Expects "Signed in as {name} ({username})" in the page language. */
  async expectSignedInAs(person: { displayName: string; username: string }): Promise<void> {
    await this.expectLoaded();
    await expect(this.signedInAs).toHaveText(
      t(this.locale, "securityInfo.signedInAs", { name: person.displayName, username: person.username }),
    );
  }

  /** One list item per active session. */
  get sessions(): Locator {
    return this.page.getByRole("region", { name: t(this.locale, "securityInfo.sessionsTitle") }).getByRole("listitem");
  }

  get currentSession(): Locator {
    return this.sessions.filter({ hasText: `(${t(this.locale, "securityInfo.thisSession")})` });
  }

  /** Sessions signed in from one network address. */
  sessionsFrom(ip: string): Locator {
    return this.sessions.filter({ has: this.page.getByText(ip, { exact: true }) });
  }

  async signOut(): Promise<void> {
    await this.page.getByRole("button", { name: t(this.locale, "securityInfo.signOut"), exact: true }).click();
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/sign-in`, "?notice=signed-out"));
  }

  async signOutEverywhere(): Promise<void> {
    await this.page.getByRole("button", { name: t(this.locale, "securityInfo.signOutEverywhere"), exact: true }).click();
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/sign-in`, "?notice=signed-out"));
  }
}
