import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";
import { ErrorPanel } from "./ErrorPanel";

/** /{locale}/sign-in: the password step. */
export class SignInPage {
  locale: Locale = "nl";

  constructor(readonly page: Page) {}

  async goto(locale: Locale = "nl", origin = ""): Promise<void> {
    this.locale = locale;
    await this.page.goto(`${origin}/${locale}/sign-in`);
    await this.expectLoaded();
  }

  /** For when the browser was sent here (after sign-out, an expired session, the locale switcher). */
  async expectLoaded(locale: Locale = this.locale): Promise<void> {
    this.locale = locale;
    await expect(this.page).toHaveURL(pathIs(`/${locale}/sign-in`));
    await expect(this.heading).toBeVisible();
    await waitForHydration(this.form);
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: t(this.locale, "signIn.title"), exact: true });
  }

  get form(): Locator {
    return this.page.locator("form").filter({ has: this.page.locator("#username") });
  }

  get username(): Locator {
    return this.page.getByLabel(t(this.locale, "signIn.username"), { exact: true });
  }

  get password(): Locator {
    return this.page.getByLabel(t(this.locale, "signIn.password"), { exact: true });
  }

  get submit(): Locator {
    return this.page.getByRole("button", { name: t(this.locale, "signIn.submit"), exact: true });
  }

  /** The notice shown after signing out or when a session has ended. */
  get notice(): Locator {
    return this.page.getByTestId("sign-in-notice");
  }

  get errorPanel(): ErrorPanel {
    return new ErrorPanel(this.page, this.locale);
  }

  /** Types a username and password and presses Sign in (the outcome is the caller's to check). */
  async signInWithPassword(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Signs in and waits until security info is shown. */
  async signInAs(username: string, password: string): Promise<void> {
    await this.signInWithPassword(username, password);
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/security-info`), { timeout: 20_000 });
  }

  /** Signs in with a password that fails and waits for the error panel. */
  async failToSignIn(username: string, password: string): Promise<ErrorPanel> {
    await this.signInWithPassword(username, password);
    const panel = this.errorPanel;
    await expect(panel.root).toBeVisible();
    return panel;
  }
}
