import { expect, type Page } from "@playwright/test";
import type { Locale } from "../support/messages";

/** A ticket's private status link, as the notices carry it. */
export const STATUS_LINK = /(https?:\/\/\S+\/tickets\/status\/[A-Za-z0-9_-]+)/;

/** /{locale}/mailbox (demo): the simulated mailbox, per address. */
export class MailboxPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  async goto(to: string): Promise<void> {
    await this.page.goto(`/${this.locale}/mailbox?to=${encodeURIComponent(to)}`);
  }

  /**
   * Waits until the mail to `to` holds `pattern` (and `mentions`, when given: a reference, say) and
   * returns the pattern's first group: a link or a pass out of a notice.
   */
  async find(to: string, pattern: RegExp, mentions?: string): Promise<string> {
    let found = "";
    await expect(async () => {
      await this.goto(to);
      const text = await this.page.getByTestId("mailbox").innerText();
      if (mentions !== undefined) expect(text).toContain(mentions);
      found = pattern.exec(text)![1]!;
    }).toPass({ timeout: 15_000 });
    return found;
  }
}
