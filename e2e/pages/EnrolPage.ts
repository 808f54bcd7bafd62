import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";
import { ErrorPanel } from "./ErrorPanel";

/** /{locale}/enrol#<token>: set a first password from a one-time enrolment link. */
export class EnrolPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  /** Opens an enrolment link (the token travels in the #fragment). */
  async open(link: string): Promise<void> {
    await this.page.goto(link);
    await expect(this.page.getByRole("heading", { level: 1, name: t(this.locale, "enrol.title"), exact: true })).toBeVisible();
  }

  get errorPanel(): ErrorPanel {
    return new ErrorPanel(this.page, this.locale);
  }

  get newPassword(): Locator {
    return this.page.getByLabel(t(this.locale, "enrol.password"), { exact: true });
  }

  get confirmPassword(): Locator {
    return this.page.getByLabel(t(this.locale, "enrol.confirmPassword"), { exact: true });
  }

  /** Expects the greeting for the person the link is for. */
  async expectWelcome(person: { displayName: string; username: string }): Promise<void> {
    await expect(this.page.getByText(t(this.locale, "enrol.welcome", { name: person.displayName, username: person.username }), { exact: true })).toBeVisible();
    await waitForHydration(this.page.locator("form"));
  }

  /** Sets the first password and waits for the confirmation. */
  async setPassword(password: string, username: string): Promise<void> {
    await this.newPassword.fill(password);
    await this.confirmPassword.fill(password);
    await this.page.getByRole("button", { name: t(this.locale, "enrol.submit"), exact: true }).click();
    await expect(this.page.getByTestId("enrol-done")).toContainText(t(this.locale, "enrol.done", { username }));
  }

  async goToSignIn(): Promise<void> {
    await this.page.getByRole("link", { name: t(this.locale, "enrol.goToSignIn"), exact: true }).click();
  }
}
