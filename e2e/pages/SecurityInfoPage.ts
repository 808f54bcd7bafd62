import { expect, type Locator, type Page } from "@playwright/test";
import { t, type Locale } from "../support/messages";
import { waitForHydration } from "../support/hydration";
import { pathIs } from "../support/urls";
import { AddAuthenticatorPage } from "./AddAuthenticatorPage";
import { AuthenticatorSetupPanel } from "./AuthenticatorSetupPanel";

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
    // With or without a notice (?notice=method-added).
    await expect(this.page).toHaveURL(pathIs(`/${locale}/security-info`));
    await expect(this.page.getByRole("heading", { level: 1, name: t(locale, "securityInfo.title"), exact: true })).toBeVisible();
  }

  get signedInAs(): Locator {
    return this.page.getByTestId("signed-in-as");
  }

  /** Expects "Signed in as {name} ({username})" in the page language. */
  async expectSignedInAs(person: { displayName: string; username: string }): Promise<void> {
    await this.expectLoaded();
    await expect(this.signedInAs).toHaveText(t(this.locale, "securityInfo.signedInAs", { name: person.displayName, username: person.username }));
  }

  /** One list item per method (authenticator app…) the person verifies sign-ins with. */
  get methods(): Locator {
    return this.page.getByTestId("methods").getByRole("listitem");
  }

  /** The authenticator apps among the methods. */
  get authenticatorApps(): Locator {
    return this.methods.filter({ hasText: t(this.locale, "methods.labels.totp") });
  }

  /** The "Remove …" button of a method (by its label, e.g. "Authenticator app"). */
  removeMethodButton(label: string = t(this.locale, "methods.labels.totp")): Locator {
    return this.page.getByRole("button", { name: t(this.locale, "securityInfo.removeMethod", { label }), exact: true });
  }

  /** The list item of one method, found by the text its label shows ("Mobiele telefoon +31 •• ••• ••73"). */
  method(shown: string): Locator {
    return this.methods.filter({ hasText: shown });
  }

  /** Gives a method the person's own name ("work phone") and waits until the list shows it before the label. */
  async nameMethod(shown: string, nickname: string): Promise<void> {
    const item = this.method(shown);
    const open = item.getByRole("button", { name: t(this.locale, "securityInfo.nameMethod"), exact: true });
    await waitForHydration(open);
    await open.click();
    await item.getByLabel(t(this.locale, "securityInfo.nicknameLabel"), { exact: true }).fill(nickname);
    await item.getByRole("button", { name: t(this.locale, "securityInfo.nicknameSave"), exact: true }).click();
    await expect(item.getByTestId("method-nickname")).toHaveText(nickname);
  }

  /** "Remove …": opens the confirmation that names the method; returns it (confirm with confirmRemoval). */
  async askToRemove(shown: string, label: string): Promise<Locator> {
    await this.method(shown)
      .getByRole("button", { name: t(this.locale, "securityInfo.removeMethod", { label }), exact: true })
      .click();
    const confirmation = this.page.getByTestId("remove-confirmation");
    await expect(confirmation).toBeVisible();
    return confirmation;
  }

  async confirmRemoval(confirmation: Locator): Promise<void> {
    await confirmation.getByRole("button", { name: t(this.locale, "securityInfo.removeConfirm"), exact: true }).click();
    await expect(this.page).toHaveURL((url) => url.pathname === `/${this.locale}/security-info` && url.searchParams.has("removed"));
  }

  /** What security info says after a removal ("Removed: …"). */
  get removedNotice(): Locator {
    return this.page.getByTestId("method-removed-notice");
  }

  get addAuthenticatorLink(): Locator {
    return this.page.getByRole("link", { name: t(this.locale, "securityInfo.addAuthenticator"), exact: true });
  }

  /**
   * "Add an authenticator app", then "use verification codes": the setup page, once its QR code is
   * shown (right after a sign-in, so no "confirm it's you").
   */
  async openAddAuthenticator(): Promise<AuthenticatorSetupPanel> {
    await this.addAuthenticatorLink.click();
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/security-info/authenticator`));
    await expect(this.page.getByRole("heading", { level: 1, name: t(this.locale, "addAuthenticator.title"), exact: true })).toBeVisible();
    await new AddAuthenticatorPage(this.page, this.locale).chooseCodes();
    const panel = new AuthenticatorSetupPanel(this.page, this.locale);
    await panel.expectShown();
    return panel;
  }

  /** Confirms a new app with a code that works and waits for security info with the "method added" notice. */
  async confirmNewAuthenticator(panel: AuthenticatorSetupPanel, code: string): Promise<void> {
    await panel.enterCode(code);
    await expect(this.page).toHaveURL((url) => url.pathname === `/${this.locale}/security-info` && url.searchParams.get("notice") === "method-added", { timeout: 20_000 });
    await expect(this.notice).toBeVisible();
  }

  /** The notice after a method was added (?notice=method-added). */
  get notice(): Locator {
    return this.page.getByTestId("security-info-notice");
  }

  /** One table row per recent sign-in (newest first), with its correlation ID. */
  get recentSignIns(): Locator {
    return this.page.getByTestId("recent-sign-ins").locator("tbody tr");
  }

  /** Recent sign-ins that came from one network address. */
  recentSignInsFrom(ip: string): Locator {
    return this.recentSignIns.filter({ has: this.page.getByRole("cell", { name: ip, exact: true }) });
  }

  /** One list item per active session. */
  get sessions(): Locator {
    return this.page.getByRole("region", { name: t(this.locale, "securityInfo.sessionsTitle") }).getByRole("listitem");
  }

  get currentSession(): Locator {
    return this.sessions.filter({ hasText: `(${t(this.locale, "securityInfo.thisSession")})` });
  }

  /** How a listed session was signed in: "Wachtwoord + sms", with its RFC 8176 amr values in data-amr. */
  methodsOf(session: Locator): Locator {
    return session.getByTestId("session-methods");
  }

  /** What the list says for these methods (keys under securityInfo.sessionMethods), e.g. ["password", "sms"] → "Wachtwoord + sms". */
  methodsText(methods: string[]): string {
    const joined = methods.map((m) => t(this.locale, `securityInfo.sessionMethods.${m}`)).join(" + ");
    return joined.charAt(0).toUpperCase() + joined.slice(1);
  }

  /** Expects this session's item to name the methods it was signed in with, and when. */
  async expectCurrentSessionSignedInWith(methods: string[]): Promise<void> {
    await expect(this.methodsOf(this.currentSession)).toHaveText(this.methodsText(methods));
    await expect(this.currentSession.getByText(t(this.locale, "securityInfo.signedInAt"), { exact: true })).toBeVisible();
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
