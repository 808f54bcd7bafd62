import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "../support/hydration";
import { t, type Locale } from "../support/messages";

/** The error details a wizard was opened with (PrefilledDetails), by field. */
export type Prefilled = Partial<Record<"errorCode" | "correlationId" | "displaySessionId" | "occurredAt" | "pageUrl", string>>;

/** A troubleshooting wizard: /{locale}/help/wizards/{id} (first step) and /{locale}/help/runs/{token}. */
export class WizardPage {
  constructor(
    readonly page: Page,
    readonly locale: Locale,
    readonly wizard: string,
  ) {}

  get step(): Locator {
    return this.page.getByTestId("wizard-step");
  }

  async expectTitle(): Promise<void> {
    await expect(this.page.getByRole("heading", { level: 1, name: t(this.locale, `wizards.${this.wizard}.title`), exact: true })).toBeVisible();
  }

  /** The step on screen, by its id, with its heading in this language. */
  async expectStep(step: string): Promise<void> {
    await expect(this.step).toHaveAttribute("data-step", step, { timeout: 15_000 });
    await expect(this.step.getByRole("heading", { level: 2 })).toHaveText(t(this.locale, `wizards.${this.wizard}.steps.${step}.title`));
  }

  /** Presses one of the step's choices (by choice id); the answer is posted and the run's page loads. */
  async choose(step: string, choice: string): Promise<void> {
    await this.expectStep(step);
    await this.step.getByRole("button", { name: t(this.locale, `wizards.${this.wizard}.steps.${step}.choices.${choice}`), exact: true }).click();
    await expect(this.page).toHaveURL(/\/help\/runs\/[A-Za-z0-9_-]{20,}$/);
  }

  async action(action: string): Promise<void> {
    await this.step.getByRole("link", { name: t(this.locale, `wizards.actions.${action}`), exact: true }).click();
  }

  async prefilled(): Promise<Prefilled> {
    const list = this.page.getByTestId("prefilled-details");
    await expect(list).toBeVisible();
    const out: Prefilled = {};
    for (const dd of await list.locator("dd").all()) {
      out[(await dd.getAttribute("data-field")) as keyof Prefilled] = (await dd.innerText()).trim();
    }
    return out;
  }

  get ticketForm(): Locator {
    return this.page.getByTestId("ticket-form");
  }

  /** Fills the ticket form at the end of a run and sends it; returns the ticket's reference. */
  async fileTicket(input: { subject: string; description: string; requester?: { name: string; username: string; contactEmail: string } }): Promise<string> {
    await expect(this.page.getByRole("heading", { level: 2, name: t(this.locale, "wizards.ticketTitle"), exact: true })).toBeVisible();
    await waitForHydration(this.ticketForm);
    await this.ticketForm.getByLabel(t(this.locale, "tickets.subject"), { exact: true }).fill(input.subject);
    await this.ticketForm.getByLabel(t(this.locale, "tickets.description"), { exact: true }).fill(input.description);
    if (input.requester) {
      await this.ticketForm.getByLabel(t(this.locale, "tickets.name"), { exact: true }).fill(input.requester.name);
      await this.ticketForm.getByLabel(t(this.locale, "signIn.username"), { exact: true }).fill(input.requester.username);
      await this.ticketForm.getByLabel(t(this.locale, "tickets.contactEmail"), { exact: true }).fill(input.requester.contactEmail);
    }
    await this.ticketForm.getByRole("button", { name: t(this.locale, "tickets.submit"), exact: true }).click();
    const done = this.page.getByTestId("ticket-submitted");
    await expect(done).toBeVisible({ timeout: 15_000 });
    return (await done.getByTestId("ticket-reference").innerText()).trim();
  }
}
