import { expect, type Locator, type Page } from "@playwright/test";
import { t, type Locale } from "../support/messages";

/**
 * /{locale}/phone?number=… (demo): the simulated phone. Its inbox shows the texts Tweestap sent
 * (newest first); its call screen answers a call, then the number the sign-in page shows is typed
 * on the keypad and # pressed (number matching); 0# says "this was not me". `readNewCode` waits for a new text and
 * reads its code. Specs read the phone only through this page object.
 */
export class SimulatedPhonePage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  async goto(number: string): Promise<void> {
    await this.page.goto(`/${this.locale}/phone?number=${encodeURIComponent(number)}`);
  }

  /** The newest text message in the inbox. */
  get newestText(): Locator {
    return this.page.getByTestId("text-body").first();
  }

  /**
   * Reloads the phone until the newest text to `number` has a six-digit code (and contains
   * `mustContain`, when given), and returns that text.
   */
  async readText(number: string, mustContain?: string): Promise<string> {
    let body = "";
    await expect(async () => {
      await this.goto(number);
      body = (await this.newestText.innerText({ timeout: 1000 })).trim();
      expect(body).toMatch(/(?<!TS-)\b\d{6}\b/);
      if (mustContain) expect(body).toContain(mustContain);
    }).toPass({ timeout: 15_000 });
    return body;
  }

  /** The six-digit code in a text (a ticket reference such as TS-000123 is not a code). */
  static codeIn(text: string): string {
    const found = /(?<!TS-)\b(\d{6})\b/.exec(text);
    if (!found) throw new Error(`No six-digit code in the text: ${text}`);
    return found[1]!;
  }

  /** Waits for the newest text to `number` and returns the code in it. */
  async readCode(number: string): Promise<string> {
    return SimulatedPhonePage.codeIn(await this.readText(number));
  }

  /** The newest call on the screen (calls are listed newest first). */
  get call(): Locator {
    return this.page.getByTestId("call").first();
  }

  /** Reloads the phone until a call to `number` rings (the sign-in page places it), then answers it. */
  async answerRingingCall(number: string): Promise<void> {
    const answer = this.page.getByRole("button", { name: t(this.locale, "phone.answer"), exact: true });
    await expect(async () => {
      await this.goto(number);
      await expect(answer).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await answer.click();
    await expect(this.call).toHaveAttribute("data-state", "answered");
  }

  /** Reloads the phone until a call to `number` rings, then declines it. */
  async declineRingingCall(number: string): Promise<void> {
    const decline = this.page.getByRole("button", { name: t(this.locale, "phone.decline"), exact: true });
    await expect(async () => {
      await this.goto(number);
      await expect(decline).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await decline.click();
    await expect(this.call).toHaveAttribute("data-state", "declined");
  }

  /** Types digits on the keypad of the answered call and presses #. */
  async typeAndPressHash(digits: string): Promise<void> {
    await this.call.getByLabel(t(this.locale, "phone.digitsLabel"), { exact: true }).fill(digits);
    await this.call.getByRole("button", { name: t(this.locale, "phone.pressHash"), exact: true }).click();
  }

  async pressZeroHash(): Promise<void> {
    await this.call.getByRole("button", { name: t(this.locale, "phone.pressZeroHash"), exact: true }).click();
  }

  async expectCallState(state: string): Promise<void> {
    await expect(this.call).toHaveAttribute("data-state", state);
    await expect(this.call).toContainText(t(this.locale, `phone.callStates.${state}`));
  }

  /** The texts on the screen, newest first. */
  get texts(): Locator {
    return this.page.getByTestId("text-body");
  }

  /** How many texts `number` has received so far (a number nothing was sent to yet is not listed: 0). */
  async textCount(number: string): Promise<number> {
    await this.goto(number);
    await expect(this.page.getByRole("heading", { level: 1, name: t(this.locale, "phone.title"), exact: true })).toBeVisible();
    return this.texts.count();
  }

  /**
   * Reloads the phone until `number` has more than `seen` texts, then returns the six-digit code of
   * the newest (a text from Tweestap).
   */
  async readNewCode(number: string, seen: number): Promise<string> {
    let body = "";
    await expect(async () => {
      await this.goto(number);
      expect(await this.texts.count()).toBeGreaterThan(seen);
      body = (await this.texts.first().innerText()).trim();
      expect(body).toMatch(/\b\d{6}\b/);
    }).toPass({ timeout: 15_000 });
    expect(body).toContain("Tweestap");
    return /\b(\d{6})\b/.exec(body)![1]!;
  }
}
