import { expect, type Locator, type Page } from "@playwright/test";
import type { Channel } from "../../server/verification/methods/method";
import { waitForHydration } from "../support/hydration";
import { keysUnder, t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";
import { ErrorPanel } from "./ErrorPanel";

/** A way to sign in: a channel of some method (its texts are under messages verify.ways.<way>). */
export type Way = Channel;

/** Words that point to the authenticator app, in either language ("authenticator-app", "de app", "every 30 seconds"). */
export const MENTIONS_THE_APP = /\bapp\b|authenticator|30 sec/i;

/**
 * /{locale}/sign-in/verify: the second step. Its title, intro, field, errors and help link follow
 * the way in use (the authenticator app by default; a text; a call); "sign in another way" lists
 * the others, each naming its method ("Call me: Mobile phone +31 •• ••• ••42").
 */
export class VerifyPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  /** For when the password step sent the browser here; waits until the (app) code form can be used. */
  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/sign-in/verify`), { timeout: 20_000 });
    await expect(this.heading).toBeVisible();
    await waitForHydration(this.form);
  }

  /** For a way without a code form (a push): waits until the page shows that way. */
  async expectLoadedWith(way: Way): Promise<void> {
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/sign-in/verify`), { timeout: 20_000 });
    await this.expectWay(way);
    await waitForHydration(this.heading);
  }

  /** The page's one heading: the title of the way in use. */
  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** The title, intro and help link say what to do for this way. */
  async expectWay(way: Way): Promise<void> {
    await expect(this.heading).toHaveText(t(this.locale, `verify.ways.${way}.title`));
    await expect(this.page.getByTestId("way-intro")).toHaveText(t(this.locale, `verify.ways.${way}.intro`));
    await expect(this.page.getByTestId("way-help")).toHaveText(t(this.locale, `verify.ways.${way}.trouble`));
  }

  get form(): Locator {
    return this.page.locator("form").filter({ has: this.page.locator("#code") });
  }

  /** The code field, labelled for the way in use (a code from the app, from the text message…): any way's codeLabel. */
  get code(): Locator {
    const labels = keysUnder(this.locale, "verify.ways").flatMap((way) =>
      keysUnder(this.locale, `verify.ways.${way}`).includes("codeLabel") ? [t(this.locale, `verify.ways.${way}.codeLabel`)] : [],
    );
    return labels.map((label) => this.page.getByLabel(label, { exact: true })).reduce((field, other) => field.or(other));
  }

  get submit(): Locator {
    return this.page.getByRole("button", { name: t(this.locale, "verify.submit"), exact: true });
  }

  get errorPanel(): ErrorPanel {
    return new ErrorPanel(this.page, this.locale);
  }

  /** An entry under "sign in another way" for a method with this masked detail (or the app: no detail). */
  otherWay(way: Way, maskedNumber?: string): Locator {
    const option = this.page.getByTestId(`use-${way}`);
    return maskedNumber ? option.filter({ hasText: maskedNumber }) : option;
  }

  /** The entry's accessible name: what it does and the method it uses, e.g. "Call me: Mobile phone +31 •• ••• ••42". */
  optionName(way: Way, labelKey: "totp" | "mobile" | "alternate" | "office", maskedNumber?: string): string {
    const label = t(this.locale, `methods.labels.${labelKey}`);
    return `${t(this.locale, `verify.ways.${way}.option`)}: ${maskedNumber ? `${label} ${maskedNumber}` : label}`;
  }

  /**
   * "Text me a code" under "sign in another way": waits until the page says where the code went and
   * for how long it works (the text view, with its own title).
   */
  async chooseText(maskedNumber: string): Promise<void> {
    const option = this.otherWay("sms", maskedNumber);
    await expect(option).toContainText(t(this.locale, "verify.ways.sms.option"));
    await option.click();
    await expect(this.codeSent).toContainText(maskedNumber);
    await this.expectWay("sms");
  }

  /** A way under "sign in another way" that sends nothing ("Use a recovery code"): its own view, with its own title. */
  async chooseWay(way: Way): Promise<void> {
    const option = this.otherWay(way);
    await expect(option).toContainText(t(this.locale, `verify.ways.${way}.option`));
    await option.click();
    await this.expectWay(way);
  }

  /** Where the text went and how long its code works ("… It works for 3 minutes."). */
  get codeSent(): Locator {
    return this.page.getByRole("status").and(this.page.getByTestId("code-sent"));
  }

  /** The text code's countdown ("The code works for another 2:59."). */
  get codeCountdown(): Locator {
    return this.page.getByRole("timer").and(this.page.getByTestId("code-countdown"));
  }

  /**
   * "Call me" under "sign in another way" (it names the number before it is pressed): waits until
   * the page says it is calling that number and shows the number to type on the phone ("Type 47
   * on your phone, then #"), and returns those digits.
   */
  async chooseCall(maskedNumber: string): Promise<string> {
    const option = this.otherWay("voice", maskedNumber);
    await expect(option).toContainText(t(this.locale, "verify.ways.voice.option"));
    await option.click();
    return this.numberToType(maskedNumber);
  }

  /**
   * "Call me on <number>" when the call is the way in use (a person whose only phone takes calls):
   * waits until the page shows the number to type on the phone, and returns those digits.
   */
  async callMe(maskedNumber: string): Promise<string> {
    const button = this.page.getByRole("button", { name: t(this.locale, "verify.ways.voice.callMe", { number: maskedNumber }), exact: true });
    await waitForHydration(button);
    await button.click();
    return this.numberToType(maskedNumber);
  }

  /** "Call <number> again" after a call failed: a new call with a new number; returns its digits. */
  async callAgain(maskedNumber: string): Promise<string> {
    await this.page.getByRole("button", { name: t(this.locale, "verify.ways.voice.callAgain", { number: maskedNumber }), exact: true }).click();
    return this.numberToType(maskedNumber);
  }

  private async numberToType(maskedNumber: string): Promise<string> {
    // One live region holds both, so a screen reader announces the call and the number.
    await expect(this.callStatus).toContainText(t(this.locale, "verify.ways.voice.calling", { number: maskedNumber }));
    const digits = (await this.matchDigits.innerText()).trim();
    expect(digits).toMatch(/^[1-9][0-9]$/);
    // The whole sentence, as a screen reader reads it out of the status region.
    await expect(this.callStatus.getByTestId("match-number")).toHaveText(t(this.locale, "verify.ways.voice.matchNumber", { digits }).replace(/<\/?\w+>/g, ""));
    return digits;
  }

  /** "Send a request to my authenticator app" (a push); waits for the number to type in the app and returns it. */
  async sendPush(): Promise<string> {
    const send = this.page.getByRole("button", { name: t(this.locale, "verify.ways.push.send"), exact: true });
    // By keyboard, as anyone may.
    await send.focus();
    await this.page.keyboard.press("Enter");
    await expect(this.pushStatus).toContainText(t(this.locale, "verify.ways.push.sent"));
    const digits = (await this.pushDigits.innerText()).trim();
    expect(digits).toMatch(/^[1-9][0-9]$/);
    // One live region: the request and the number are announced together.
    await expect(this.pushStatus.getByTestId("push-number")).toHaveText(t(this.locale, "verify.ways.push.matchNumber", { digits }).replace(/<\/?\w+>/g, ""));
    return digits;
  }

  /** The status region of a push: sent, shown on the phone, the number to type. */
  get pushStatus(): Locator {
    return this.page.getByRole("status").and(this.page.getByTestId("push-status"));
  }

  get pushDigits(): Locator {
    return this.page.getByTestId("push-digits");
  }

  /** "You can answer for another 118 seconds." (a timer, not read out every second). */
  get pushCountdown(): Locator {
    return this.page.getByRole("timer").and(this.page.getByTestId("push-countdown"));
  }

  /** The status region of a call: whom we call, the digits to type, "answered". */
  get callStatus(): Locator {
    return this.page.getByRole("status").and(this.page.getByTestId("calling"));
  }

  /** The digits the call asks for, shown large while the call rings. */
  get matchDigits(): Locator {
    return this.page.getByTestId("match-digits");
  }

  /** "It rings for another 57 seconds." while the call rings (a timer, not read out every second). */
  get ringCountdown(): Locator {
    return this.page.getByRole("timer").and(this.page.getByTestId("ring-countdown"));
  }

  /** While it rings, the ring time counts down from at most the call's ring time (60 s). */
  async expectRingCountingDown(): Promise<void> {
    await expect(this.ringCountdown).toBeVisible();
    const first = Number(await this.ringCountdown.getAttribute("data-seconds"));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(60);
    await expect.poll(async () => Number(await this.ringCountdown.getAttribute("data-seconds")), { timeout: 5000 }).toBeLessThan(first);
  }

  /**
   * The page's own text (main content) says nothing about the authenticator app, except the one
   * entry under "sign in another way" that offers it (if the person has an app).
   */
  async expectNoMentionOfTheApp(): Promise<void> {
    const main = await this.page.locator("main").innerText();
    const offer = (await this.otherWay("totp").count()) > 0 ? await this.otherWay("totp").innerText() : "";
    const rest = offer ? main.replace(offer, "") : main;
    if (offer) expect(rest, "the app's entry is found in the page text").not.toBe(main);
    expect(rest.match(MENTIONS_THE_APP), `page text:\n${rest}`).toBeNull();
  }

  /** Types a code and presses Verify (the outcome is the caller's to check). */
  async enterCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.submit.click();
  }

  /** Enters a code that works and waits until security info is shown. */
  async verifyWith(code: string): Promise<void> {
    await this.enterCode(code);
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/security-info`), { timeout: 20_000 });
  }

  /** Enters a code that is refused and waits for the error panel; the browser stays here. */
  async failWith(code: string): Promise<ErrorPanel> {
    await this.enterCode(code);
    const panel = this.errorPanel;
    await expect(panel.root).toBeVisible();
    await expect(this.page).toHaveURL(pathIs(`/${this.locale}/sign-in/verify`));
    return panel;
  }
}
