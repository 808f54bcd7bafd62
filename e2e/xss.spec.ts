/**
 * Ticket text is hostile input. A corpus of stored-XSS payloads in a ticket's subject, description
 * and replies runs no script anywhere the helpdesk reads it (queue, ticket page) or the requester
 * reads it (status link): no dialog opens and the console stays free of errors.
 */
import { expect, test } from "./fixtures";
import { HelpdeskTicketPage } from "./pages/HelpdeskTicketPage";
import { MailboxPage, STATUS_LINK } from "./pages/MailboxPage";
import { SignInPage } from "./pages/SignInPage";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t } from "./support/messages";

const CORPUS = [
  `<script>alert("xss-1")</script>`,
  `<img src=x onerror="alert('xss-2')">`,
  `<svg onload=alert("xss-3")>`,
  `"><iframe src="javascript:alert('xss-4')"></iframe>`,
  `<a href="javascript:alert('xss-5')">click</a>`,
  `{{constructor.constructor('alert("xss-6")')()}}`,
  `<details open ontoggle=alert("xss-7")>`,
  `javascript:alert('xss-8')`,
];

test("a stored-XSS corpus in subject, description and replies runs no script in the console", async ({ page, request, newClient }) => {
  const dialogs: string[] = [];
  const errors: string[] = [];
  const reference = await test.step("a ticket full of payloads, filed without signing in", async () => {
    const response = await request.post("/api/trpc/tickets.submit", {
      headers: { "content-type": "application/json", "idempotency-key": `xss-${Date.now()}-${Math.random().toString(36).slice(2)}` },
      data: {
        category: "other",
        subject: CORPUS.slice(0, 3).join(" ").slice(0, 150),
        description: CORPUS.join("\n"),
        requester: { name: `<img src=x onerror=alert("xss-name")>`, username: `<script>alert("xss-user")</script>`, contactEmail: "xss@example.test" },
        locale: "en",
      },
    });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { result: { data: { reference: string } } }).result.data.reference;
  });

  const agent = await newClient();
  agent.page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  agent.page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  agent.page.on("pageerror", (error) => errors.push(error.message));

  const signIn = new SignInPage(agent.page);
  await signIn.goto("en");
  await signIn.signInAs(DEMO.joost.username, DEMO_PASSWORD);
  await agent.page.goto(`/en/helpdesk?view=all&q=${reference}`);
  await expect(agent.page.getByTestId("queue")).toContainText(reference);
  const ticket = new HelpdeskTicketPage(agent.page, "en");
  await ticket.goto(reference);
  await expect(agent.page.getByTestId("helpdesk-description")).toContainText(`<script>alert("xss-1")</script>`);

  // A reply full of payloads too, then the page again.
  const actions = agent.page.getByTestId("staff-actions");
  await actions.getByLabel(t("en", "helpdesk.replyLabel"), { exact: true }).fill(CORPUS.join(" "));
  await actions.getByRole("button", { name: t("en", "helpdesk.sendReply"), exact: true }).click();
  await expect(actions.getByRole("status")).toHaveText(t("en", "helpdesk.replySent"));
  await agent.page.reload();
  await expect(agent.page.getByTestId("helpdesk-ticket")).toContainText(`<svg onload=alert("xss-3")>`);
  // Nothing from the corpus became an element.
  expect(await agent.page.locator("[data-testid=helpdesk-ticket] script, [data-testid=helpdesk-ticket] iframe, [data-testid=helpdesk-ticket] svg[onload]").count()).toBe(0);

  // The requester's view, through the private status link from the confirmation email.
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const link = await new MailboxPage(page, "en").find("xss@example.test", STATUS_LINK);
  await page.goto(new URL(link).pathname);
  await expect(page.getByTestId("ticket-description")).toContainText(`<img src=x onerror="alert('xss-2')">`);
  await expect(page.getByTestId("ticket-messages")).toContainText(`<details open ontoggle=alert("xss-7")>`);

  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});
