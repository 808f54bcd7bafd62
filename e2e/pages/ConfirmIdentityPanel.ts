import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";
import { ErrorPanel } from "./ErrorPanel";

/**
 * "Confirm it's you" (app/_components/ConfirmIdentity.tsx), wherever a change needs a fresh second
 * factor: the person picks one of their ways (when there is more than one), has a code texted or
 * takes one from the app, and confirms; or has a call placed ("Call me on …"), answers it on the
 * phone, types the number the panel shows, then #, and the panel goes on by itself.
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
  way(methodLabel: string, channel: "totp" | "sms" | "voice" | "recovery_code"): Locator {
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

  /** The panel's error panel (a call declined, not answered, a wrong number…). */
  get errorPanel(): ErrorPanel {
    return new ErrorPanel(this.page, this.locale, this.root);
  }

  /** The status region of a call: whom we call, the digits to type, "answered". */
  get callStatus(): Locator {
    return this.root.getByRole("status").and(this.root.getByTestId("calling"));
  }

  /** "It rings for another 57 seconds." while the call rings. */
  get ringCountdown(): Locator {
    return this.root.getByRole("timer").and(this.root.getByTestId("ring-countdown"));
  }

  get matchDigits(): Locator {
    return this.root.getByTestId("match-digits");
  }

  /** "Call me on <number>" (it names the number before it is pressed): returns the digits the panel then shows. */
  async callMe(maskedNumber: string): Promise<string> {
    const button = this.root.getByRole("button", { name: t(this.locale, "verify.ways.voice.callMe", { number: maskedNumber }), exact: true });
    await waitForHydration(button);
    await button.click();
    return this.numberToType(maskedNumber);
  }

  /** "Call <number> again" after a call failed: a new call with a new number; returns its digits. */
  async callAgain(maskedNumber: string): Promise<string> {
    await this.root.getByRole("button", { name: t(this.locale, "verify.ways.voice.callAgain", { number: maskedNumber }), exact: true }).click();
    return this.numberToType(maskedNumber);
  }

  private async numberToType(maskedNumber: string): Promise<string> {
    await expect(this.callStatus).toContainText(t(this.locale, "verify.ways.voice.calling", { number: maskedNumber }));
    const digits = (await this.matchDigits.innerText()).trim();
    expect(digits).toMatch(/^[1-9][0-9]$/);
    return digits;
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
