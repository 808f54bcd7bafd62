import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";

/** /{locale}/tickets/new: a ticket filed directly, signed in or not. */
export class NewTicketPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  get form(): Locator {
    return this.page.getByTestId("ticket-form");
  }

  /** Opens the form, fills it (the requester's fields only when signed out) and sends it; returns the reference. */
  async file(input: { category: string; subject: string; description: string; requester?: { name: string; username: string; contactEmail: string } }): Promise<string> {
    await this.page.goto(`/${this.locale}/tickets/new`);
    await waitForHydration(this.form);
    const field = (key: string) => this.form.getByLabel(t(this.locale, key), { exact: true });
    await field("tickets.category").selectOption(input.category);
    await field("tickets.subject").fill(input.subject);
    await field("tickets.description").fill(input.description);
    if (input.requester) {
      await field("tickets.name").fill(input.requester.name);
      await field("signIn.username").fill(input.requester.username);
      await field("tickets.contactEmail").fill(input.requester.contactEmail);
    }
    await this.form.getByRole("button", { name: t(this.locale, "tickets.submit"), exact: true }).click();
    const done = this.page.getByTestId("ticket-submitted");
    await expect(done).toBeVisible({ timeout: 15_000 });
    return (await done.getByTestId("ticket-reference").innerText()).trim();
  }
}
