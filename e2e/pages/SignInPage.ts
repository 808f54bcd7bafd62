import { expect, type Locator, type Page } from "@playwright/test";
import { submitDemoCode } from "../support/authenticator";
import { DEMO_PASSWORD } from "../support/demo";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";
import { ErrorPanel } from "./ErrorPanel";
import { RegisterPage } from "./RegisterPage";
import { VerifyPage, type Way } from "./VerifyPage";

/** /{locale}/sign-in: the password step, and the whole sign-in from there. */
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

  /**
   * Signs in the whole way and waits until security info is shown: the password, then, when the
   * app asks for it, a fresh code from the demo person's authenticator app (e2e/support/authenticator.ts).
   */
  async signInAs(username: string, password: string = DEMO_PASSWORD): Promise<void> {
    await this.signInWithPassword(username, password);
    const verify = `/${this.locale}/sign-in/verify`;
    const register = `/${this.locale}/sign-in/register`;
    const done = `/${this.locale}/security-info`;
    await expect(this.page, `after the password, ${username} is asked for a code or signed in`).toHaveURL((url) => [verify, register, done].includes(url.pathname), {
      timeout: 20_000,
    });
    const path = new URL(this.page.url()).pathname;
    if (path === register) throw new Error(`${username} has no authenticator app and was sent to set one up: use signInUntilRegistration.`);
    if (path === verify) {
      const verifyPage = new VerifyPage(this.page, this.locale);
      await verifyPage.expectLoaded();
      // Taken only now that the code field is ready, so it is as fresh as possible when it arrives.
      await submitDemoCode(username, {}, (code) => verifyPage.verifyWith(code));
    }
    await expect(this.page).toHaveURL(pathIs(done));
  }

  /** Gives the password of a person with an authenticator app; returns the code page it leads to. */
  async signInUntilCode(username: string, password: string = DEMO_PASSWORD): Promise<VerifyPage> {
    await this.signInWithPassword(username, password);
    const verifyPage = new VerifyPage(this.page, this.locale);
    await verifyPage.expectLoaded();
    return verifyPage;
  }

  /** Gives the password and waits for the second step showing `way` (a way without a code form: a push). */
  async signInUntilWay(username: string, way: Way, password: string = DEMO_PASSWORD): Promise<VerifyPage> {
    await this.signInWithPassword(username, password);
    const verifyPage = new VerifyPage(this.page, this.locale);
    await verifyPage.expectLoadedWith(way);
    return verifyPage;
  }

  /** Gives the password of a person who must first set up an app; returns the registration page. */
  async signInUntilRegistration(username: string, password: string = DEMO_PASSWORD): Promise<RegisterPage> {
    await this.signInWithPassword(username, password);
    const registerPage = new RegisterPage(this.page, this.locale);
    await registerPage.expectLoaded();
    return registerPage;
  }

  /** Signs in with a password that fails and waits for the error panel. */
  async failToSignIn(username: string, password: string): Promise<ErrorPanel> {
    await this.signInWithPassword(username, password);
    const panel = this.errorPanel;
    await expect(panel.root).toBeVisible();
    return panel;
  }
}
