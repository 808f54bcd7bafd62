import { expect, type Locator, type Page } from "@playwright/test";
import { t, type Locale } from "../support/messages";

/**
 * "Confirm it's you" (app/_components/ConfirmIdentity.tsx), wherever a change needs a fresh second
 * factor: the person picks one of their ways (when there is more than one), has a code texted or
 * takes one from the app, and confirms.
 */
export class ConfirmIdentityPanel {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  get root(): Locator {
    return this.page.getByTestId("confirm-identity");
  }

  async expectShown(): Promise<void> {
    await expect(this.root.getByRole("heading", { level: 2, name: t(this.locale, "confirmIdentity.title"), exact: true })).toBeVisible({ timeout: 20_000 });
  }

  /** One way to confirm, by its method's label ("Mobiele telefoon +31 •• ••• ••51") and channel. */
  way(methodLabel: string, channel: "totp" | "sms" | "recovery_code"): Locator {
    return this.root.getByRole("radio", { name: `${methodLabel} (${t(this.locale, `confirmIdentity.way.${channel}`)})`, exact: true });
  }

  /** Every way offered, as their radio buttons. */
  get ways(): Locator {
    return this.root.getByRole("radio");
  }

  get sendButton(): Locator {
    return this.root.getByRole("button", { name: t(this.locale, "confirmIdentity.send"), exact: true });
  }

  /** Where the code went and how long it works ("We hebben een code per sms gestuurd naar …"). */
  get sent(): Locator {
    return this.root.getByRole("status").and(this.root.getByTestId("step-up-code-sent"));
  }

  /** Types the texted code and presses Confirm (the outcome is the caller's to check). */
  async confirmWithTextCode(code: string): Promise<void> {
    const field = this.root.getByLabel(t(this.locale, "confirmIdentity.smsCodeLabel"), { exact: true });
    await expect(field).toBeFocused();
    await field.fill(code);
    await this.root.getByRole("button", { name: t(this.locale, "confirmIdentity.submit"), exact: true }).click();
  }

  /**
   * The field for a code the person types from what they have (the app, a recovery code), labelled
   * for that way; it is there as soon as the way is chosen (nothing is sent first).
   */
  typedCodeField(channel: "totp" | "recovery_code"): Locator {
    return this.root.getByLabel(t(this.locale, `confirmIdentity.typed.${channel}.label`), { exact: true });
  }

  /** Types a code from the app or a recovery code and presses Confirm (the outcome is the caller's to check). */
  async confirmWithTypedCode(channel: "totp" | "recovery_code", code: string): Promise<void> {
    await this.typedCodeField(channel).fill(code);
    await this.root.getByRole("button", { name: t(this.locale, "confirmIdentity.submit"), exact: true }).click();
  }
}
