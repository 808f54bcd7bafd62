import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";

/** The companion authenticator's own origin in the e2e run (AUTHENTICATOR_URL of the web server). */
export function authenticatorOrigin(): string {
  const origin = process.env.TWEESTAP_E2E_AUTHENTICATOR_URL;
  if (!origin) throw new Error("TWEESTAP_E2E_AUTHENTICATOR_URL is not set: run the specs through playwright.config.ts.");
  return origin;
}

export interface ShownCode {
  code: string;
  /** The 30-second step the app computed it for (the device's clock). */
  step: number;
}

/**
 * /authenticator/{locale}: the companion authenticator, the person's phone in the journeys. It
 * computes its codes itself (in the browser), so a spec reads a code here instead of computing one.
 */
export class AuthenticatorAppPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  /** Opens the start address (/authenticator), which opens the app in its language. */
  async open(url = `${authenticatorOrigin()}/authenticator`): Promise<void> {
    await this.page.goto(url);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === `/authenticator/${this.locale}`);
    await expect(this.page.getByRole("heading", { level: 1, name: t(this.locale, "authenticator.title"), exact: true })).toBeAttached();
    await expect(this.page.getByRole("heading", { level: 2, name: t(this.locale, "authenticator.accountsTitle"), exact: true })).toBeVisible();
    await waitForHydration(this.linkForm);
  }

  /** What the app says about working offline (data-state: installing, ready, unsupported, failed). */
  get offlineState(): Locator {
    return this.page.getByTestId("offline-state");
  }

  /** Waits until the service worker is active, i.e. the app's shell is precached. */
  async expectReadyOffline(): Promise<void> {
    await expect(this.offlineState).toHaveAttribute("data-state", "ready", { timeout: 20_000 });
    await expect(this.offlineState).toHaveText(t(this.locale, "authenticator.offline.ready"));
  }

  /** The status line that announces what just happened ("… was added"). */
  get announcement(): Locator {
    return this.page.getByTestId("announcement");
  }

  get accounts(): Locator {
    return this.page.getByTestId("account");
  }

  /** One account, by the name the list shows. */
  account(label: string): Locator {
    return this.accounts.filter({ has: this.page.getByTestId("account-label").getByText(label, { exact: true }) });
  }

  get linkForm(): Locator {
    return this.page.getByTestId("link-form");
  }

  get keyForm(): Locator {
    return this.page.getByTestId("key-form");
  }

  /** Pastes a setup link (otpauth://…) and presses Add (the outcome is the caller's to check). */
  async enterSetupLink(link: string): Promise<void> {
    await this.linkForm.getByLabel(t(this.locale, "authenticator.linkLabel"), { exact: true }).fill(link);
    await this.linkForm.getByRole("button", { name: t(this.locale, "authenticator.addWithLink"), exact: true }).click();
  }

  /** Opens "Enter the key by hand" and types the details the portal shows under "Can't scan it?". */
  async enterKeyByHand(details: { accountName: string; issuer?: string; key: string }): Promise<void> {
    const summary = this.page.locator("summary", { hasText: t(this.locale, "authenticator.byHand") });
    if (!(await this.keyForm.isVisible())) await summary.click();
    await this.keyForm.getByLabel(t(this.locale, "authenticator.accountName"), { exact: true }).fill(details.accountName);
    await this.keyForm.getByLabel(t(this.locale, "authenticator.issuer"), { exact: true }).fill(details.issuer ?? "");
    await this.keyForm.getByLabel(t(this.locale, "authenticator.key"), { exact: true }).fill(details.key);
    await this.keyForm.getByRole("button", { name: t(this.locale, "authenticator.addByHand"), exact: true }).click();
  }

  /** Expects the account to be added under `label` and listed. */
  async expectAdded(label: string): Promise<void> {
    await expect(this.announcement).toHaveText(t(this.locale, "authenticator.added", { label }));
    await expect(this.account(label)).toHaveCount(1);
  }

  /** The code an account shows now and the step it is for (waits until one is shown). */
  async readCode(label: string): Promise<ShownCode> {
    const shown = this.account(label).getByTestId("account-code");
    await expect(shown).toHaveAttribute("data-code", /^\d{6,8}$/);
    const [code, step] = await Promise.all([shown.getAttribute("data-code"), shown.getAttribute("data-step")]);
    // What people see: the same digits, in two groups.
    const half = Math.ceil(code!.length / 2);
    await expect(shown).toContainText(`${code!.slice(0, half)} ${code!.slice(half)}`);
    return { code: code!, step: Number(step) };
  }

  /** Reads the account's code for `step` exactly, waiting for the app to show that step's code. */
  async readCodeFor(label: string, step: number): Promise<string> {
    await expect(this.account(label).getByTestId("account-code")).toHaveAttribute("data-step", String(step), { timeout: 35_000 });
    const shown = await this.readCode(label);
    expect(shown.step).toBe(step);
    return shown.code;
  }

  /** "Copy code": waits until the button says it copied. */
  async copyCode(label: string): Promise<void> {
    const copy = this.account(label).getByRole("button", { name: t(this.locale, "authenticator.copyNamed", { label }), exact: true });
    await copy.click();
    await expect(copy).toHaveText(t(this.locale, "authenticator.copied"));
  }

  /** The "N seconds left" line of an account. */
  secondsLeft(label: string): Locator {
    return this.account(label).getByTestId("seconds-left");
  }

  async rename(label: string, newLabel: string): Promise<void> {
    const account = this.account(label);
    await account.getByRole("button", { name: t(this.locale, "authenticator.renameNamed", { label }), exact: true }).click();
    await account.getByLabel(t(this.locale, "authenticator.newName"), { exact: true }).fill(newLabel);
    await account.getByRole("button", { name: t(this.locale, "authenticator.save"), exact: true }).click();
    await expect(this.announcement).toHaveText(t(this.locale, "authenticator.renamed", { label: newLabel }));
    await expect(this.account(newLabel)).toHaveCount(1);
  }

  /** "Remove …": opens the confirmation that names the account; returns it. */
  async askToRemove(label: string): Promise<Locator> {
    await this.account(label)
      .getByRole("button", { name: t(this.locale, "authenticator.removeNamed", { label }), exact: true })
      .click();
    const dialog = this.page.getByRole("dialog", { name: t(this.locale, "authenticator.removeTitle", { label }) });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async confirmRemoval(dialog: Locator, label: string): Promise<void> {
    await dialog.getByRole("button", { name: t(this.locale, "authenticator.removeConfirm"), exact: true }).click();
    await expect(this.announcement).toHaveText(t(this.locale, "authenticator.removed", { label }));
    await expect(this.account(label)).toHaveCount(0);
  }

  async keep(dialog: Locator): Promise<void> {
    await dialog.getByRole("button", { name: t(this.locale, "authenticator.removeKeep"), exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
