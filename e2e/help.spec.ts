/**
 * Journeys through self-service help: a failed sign-in → Get help → the matching wizard with the
 * five fields filled in → a ticket, which the helpdesk sees with the sign-in's events and
 * diagnosis; "Paste your error details"; the help pages pass axe.
 *
 * The failed sign-in is a wrong password for anna (password failures lock nobody out); joost
 * (helpdesk) and thijs (a wrong text code) are used by this spec only.
 */
import { expect, test } from "./fixtures";
import { MailboxPage, STATUS_LINK } from "./pages/MailboxPage";
import { NewTicketPage } from "./pages/NewTicketPage";
import { SimulatedPhonePage } from "./pages/SimulatedPhonePage";
import { WizardPage } from "./pages/WizardPage";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { openTicketAsAgent } from "./support/helpdesk";
import { waitForHydration } from "./support/hydration";
import { t } from "./support/messages";
import { MENTIONS_THE_APP } from "./pages/VerifyPage";

/** thijs's demo mobile (server/setup/demo-seed.ts), and as pages show it. */
const THIJS_MOBILE = "+31612345684";
const THIJS_MOBILE_MASKED = "+31 •• ••• ••84";

test("a failed sign-in → Get help → the wizard, prefilled → a ticket the helpdesk sees with events and diagnosis", async ({ page, signInPage, newClient }) => {
  await signInPage.goto("nl");
  const panel = await signInPage.failToSignIn(DEMO.anna.username, "not-annas-password-at-all");
  await panel.openDetails();
  const details = await panel.details();

  const wizard = new WizardPage(page, "nl", "error-code");
  await test.step("Get help opens the error-code wizard with the five fields filled in", async () => {
    await panel.getHelp("error-code");
    await wizard.expectTitle();
    expect(await wizard.prefilled()).toEqual({
      errorCode: "SIGN_IN_INVALID_CREDENTIALS",
      correlationId: details.correlationId,
      displaySessionId: details.sessionId,
      occurredAt: details.timestamp,
      pageUrl: details.page,
    });
    // The step explains the code itself.
    await expect(page.getByTestId("check-error_code")).toContainText(t("nl", "errors.SIGN_IN_INVALID_CREDENTIALS.cause"));
    await expectNoSeriousViolations(page);
  });

  const reference = await test.step("not solved: the ticket form, then a reference", async () => {
    await wizard.choose("explain", "not_solved");
    await expectNoSeriousViolations(page);
    const reference = await wizard.fileTicket({
      subject: "Ik kom er niet in",
      description: "Mijn wachtwoord wordt steeds geweigerd, ook na het opnieuw typen. Code 123456 van gisteren werkte ook niet.",
      requester: { name: "Anna de Vries", username: DEMO.anna.username, contactEmail: "anna.prive@example.test" },
    });
    expect(reference).toMatch(/^TS-\d{6}$/);
    // The six digits standing alone were taken out before storage, and the page says so.
    await expect(page.getByTestId("ticket-redacted")).toHaveText(t("nl", "tickets.redactedNotice"));
    return reference;
  });

  await test.step("the contact address gets the private status link", async () => {
    const mailbox = await newClient();
    const link = await new MailboxPage(mailbox.page, "nl").find("anna.prive@example.test", STATUS_LINK, reference);
    await mailbox.page.goto(new URL(link).pathname);
    await expect(mailbox.page.getByTestId("ticket-reference")).toHaveText(reference);
    await expect(mailbox.page.getByTestId("ticket-description")).toContainText("Code [redacted] van gisteren");
    await expectNoSeriousViolations(mailbox.page);
  });

  await test.step("the helpdesk sees the sign-in's events and the diagnosis", async () => {
    const { agent, ticket } = await openTicketAsAgent(newClient, DEMO.joost.username, reference);
    await ticket.expectFinding("invalid_credentials");
    const steps = await ticket.steps();
    expect(steps).toHaveLength(1);
    expect(steps[0]).toContain(t("nl", "diagnosis.steps.password"));
    expect(steps[0]).toContain("SIGN_IN_INVALID_CREDENTIALS");
    await expect(agent.page.getByTestId("unverified-requester")).toBeVisible();
    await expect(agent.page.getByTestId("wizard-answers")).toContainText("explain: not_solved");
    await expect(agent.page.getByTestId("helpdesk-description")).not.toContainText("123456");
    await expectNoSeriousViolations(agent.page);
  });
});

test("a wrong text code → Get help → the code's page explains it for the text, not the app (nl, then en)", async ({ page, context, signInPage, helpPage }) => {
  const phone = new SimulatedPhonePage(await context.newPage(), "nl");
  const seen = await phone.textCount(THIJS_MOBILE);
  await signInPage.goto("nl");
  const verify = await signInPage.signInUntilCode(DEMO.thijs.username);
  await verify.chooseText(THIJS_MOBILE_MASKED);
  const sent = await phone.readNewCode(THIJS_MOBILE, seen);
  await phone.page.close();
  // One digit off: the kind of slip a wrong text code usually is.
  const panel = await verify.failWith(sent.slice(0, 5) + ((Number(sent[5]) + 1) % 10));
  await panel.expectCode("MFA_CODE_INVALID");

  await panel.getHelp("no-code");
  const wizard = new WizardPage(page, "nl", "no-code");
  await wizard.expectTitle();
  await page.getByTestId("error-code-page-link").click();
  await helpPage.expectExplains("nl", "MFA_CODE_INVALID", "sms");
  const article = page.getByRole("article");
  expect((await article.innerText()).match(MENTIONS_THE_APP)).toBeNull();
  await expectNoSeriousViolations(page);

  // The same sign-in's page in English, and the code's page without a sign-in: the catalog's (app) words.
  const url = new URL(page.url());
  await page.goto(`/en${url.pathname.slice(3)}${url.search}`);
  await helpPage.expectExplains("en", "MFA_CODE_INVALID", "sms");
  await helpPage.gotoError("en", "MFA_CODE_INVALID");
});

test("Paste your error details: Dutch copy text fills every field and leads to the wizard; garbage gets a clear message", async ({ page, helpPage }) => {
  await helpPage.goto("en");
  const paste = page.getByTestId("paste-text");
  await waitForHydration(paste);
  await paste.fill(
    [
      "Foutcode: MFA_CODE_EXPIRED",
      "Correlatie-ID: 3f1c2a9e-5b7d-4c1e-9a2b-0c8d7e6f5a4b",
      "Sessie-ID: 7KQ3-M2XD-9PTA",
      "Tijdstip: 2026-11-22 09:14:05 +01:00",
      "Pagina: https://tweestap.example/nl/sign-in/verify",
    ].join("\n"),
  );
  await page.getByRole("button", { name: t("en", "help.pasteSubmit"), exact: true }).click();
  const result = page.getByTestId("paste-result");
  await expect(result.locator('dd[data-field="errorCode"]')).toHaveText("MFA_CODE_EXPIRED");
  await expect(result.locator('dd[data-field="correlationId"]')).toHaveText("3f1c2a9e-5b7d-4c1e-9a2b-0c8d7e6f5a4b");
  await expect(result.locator('dd[data-field="displaySessionId"]')).toHaveText("7KQ3-M2XD-9PTA");
  await expect(result.locator('dd[data-field="occurredAt"]')).toHaveText("2026-11-22T09:14:05+01:00");
  await expect(result.locator('dd[data-field="pageUrl"]')).toHaveText("https://tweestap.example/nl/sign-in/verify");
  await expectNoSeriousViolations(page);

  await page.getByTestId("paste-continue").click();
  const wizard = new WizardPage(page, "en", "no-code");
  await wizard.expectTitle();
  await wizard.expectStep("channel");
  expect(await wizard.prefilled()).toMatchObject({ errorCode: "MFA_CODE_EXPIRED", displaySessionId: "7KQ3-M2XD-9PTA" });

  await helpPage.goto("en");
  await waitForHydration(page.getByTestId("paste-text"));
  await page.getByTestId("paste-text").fill("it just does not work, help");
  await page.getByRole("button", { name: t("en", "help.pasteSubmit"), exact: true }).click();
  await expect(page.getByTestId("paste-problem")).toHaveText(t("en", "help.pasteProblems.nothing_recognised"));
});

test("the help hub searches wizards and error codes in the page's language", async ({ page }) => {
  await page.goto(`/nl/help?q=${encodeURIComponent("telefoon kwijt")}`);
  const wizards = page.getByTestId("wizard-list");
  await expect(wizards.getByRole("link", { name: t("nl", "wizards.lost-phone.title"), exact: true })).toBeVisible();
  await expect(wizards.getByRole("link")).toHaveCount(1);
  await page.goto(`/nl/help?q=${encodeURIComponent("zzzz-nothing")}`);
  await expect(page.getByTestId("search-nothing")).toHaveText(t("nl", "help.searchNoResults"));
});

test('the ticket form on its own and "What happened?" pass axe', async ({ page }) => {
  await page.goto("/en/tickets/new");
  await waitForHydration(page.getByTestId("ticket-form"));
  await page.getByRole("button", { name: t("en", "tickets.submit"), exact: true }).click();
  await expect(page.getByText(t("en", "validation.subject"), { exact: true })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.goto("/nl/help/sign-ins?cid=not-an-id");
  await expect(page.getByText(t("nl", "diagnosis.lookupInvalid"), { exact: true })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.goto("/nl/help/sign-ins/3f1c2a9e-5b7d-4c1e-9a2b-0c8d7e6f5a4b");
  await expect(page.getByTestId("diagnosis-nothing")).toHaveText(t("nl", "diagnosis.nothing"));
  await expectNoSeriousViolations(page);
});

test("signed in: a ticket filed directly is under My tickets, and the helpdesk's reply shows there", async ({ page, signInPage, newClient }) => {
  await signInPage.goto("nl");
  await signInPage.signInAs(DEMO.anna.username, DEMO_PASSWORD);
  const reference = await new NewTicketPage(page, "nl").file({
    category: "new_number",
    subject: "Nieuw nummer",
    description: "Ik heb een nieuw nummer en kan het oude niet meer gebruiken.",
  });
  await page.getByRole("link", { name: t("nl", "tickets.openTicket"), exact: true }).click();
  await expect(page.getByTestId("ticket-reference")).toHaveText(reference);
  await expect(page.getByTestId("ticket-status")).toContainText(t("nl", "tickets.statuses.new"));
  await expectNoSeriousViolations(page);
  await page.goto("/nl/tickets");
  await expect(page.getByTestId("my-tickets").getByRole("link", { name: reference, exact: true })).toBeVisible();
  await expectNoSeriousViolations(page);

  const { agent } = await openTicketAsAgent(newClient, DEMO.joost.username, reference);
  const actions = agent.page.getByTestId("staff-actions");
  await waitForHydration(actions.locator("form").first());
  await actions.getByLabel(t("nl", "helpdesk.replyLabel"), { exact: true }).fill("Wijzig je nummer bij Beveiligingsgegevens; je krijgt een code op het nieuwe nummer.");
  await actions.getByRole("button", { name: t("nl", "helpdesk.sendReply"), exact: true }).click();
  await expect(actions.getByRole("status")).toHaveText(t("nl", "helpdesk.replySent"));

  await page.goto(`/nl/tickets/${reference}`);
  await expect(page.getByTestId("ticket-messages")).toContainText("Wijzig je nummer bij Beveiligingsgegevens");
  await expect(page.getByTestId("ticket-status")).toContainText(t("nl", "tickets.statuses.waiting_on_person"));
});
