/**
 * Journey (issue 6, acceptance 1; seeds 001 and 004): noor lost her phone and has no other way in,
 * so the lost-phone wizard files a high-priority ticket. joost (helpdesk) claims it from the queue, verifies her
 * with a purpose-bound code she reads from her (simulated) phone, and does a safe reset. Noor
 * gets a temporary access pass by email and sets up a new authenticator app with it.
 * noor is used by this spec only.
 */
import { expect, test } from "./fixtures";
import { HelpdeskTicketPage } from "./pages/HelpdeskTicketPage";
import { MailboxPage } from "./pages/MailboxPage";
import { RegisterPage } from "./pages/RegisterPage";
import { SignInPage } from "./pages/SignInPage";
import { SimulatedPhonePage } from "./pages/SimulatedPhonePage";
import { WizardPage } from "./pages/WizardPage";
import { codeForStep, stepAt, waitForStepWithAtLeast } from "./support/authenticator";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { waitForHydration } from "./support/hydration";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

const NOOR_MOBILE = "+31612345660";
const NOOR_EMAIL = "noor@demo.tweestap.test";

test("the helpdesk verifies noor with a code on her phone, resets her; a pass by email lets her set up a new app", async ({ page, context, newClient }) => {
  const reference = await test.step("noor: lost phone, no other way in → a ticket", async () => {
    await page.goto("/nl/help/wizards/lost-phone");
    const wizard = new WizardPage(page, "nl", "lost-phone");
    await wizard.choose("other_way", "no_other_way");
    await wizard.choose("no_other_way", "file_ticket");
    return wizard.fileTicket({
      subject: "Telefoon gestolen",
      description: "Mijn telefoon is gestolen en ik heb geen andere manier om in te loggen.",
      requester: { name: DEMO.noor.displayName, username: DEMO.noor.username, contactEmail: NOOR_EMAIL },
    });
  });

  const agent = await newClient();
  const ticket = new HelpdeskTicketPage(agent.page, "nl");
  await test.step("joost claims it from the queue (unassigned, high priority)", async () => {
    const signIn = new SignInPage(agent.page);
    await signIn.goto("nl");
    await signIn.signInAs(DEMO.joost.username, DEMO_PASSWORD);
    await agent.page.getByTestId("helpdesk-queue-link").click();
    await expect(agent.page.getByRole("heading", { level: 1, name: t("nl", "queue.title"), exact: true })).toBeVisible();
    await expectNoSeriousViolations(agent.page);
    await agent.page.getByTestId("reports-link").click();
    await expect(agent.page.getByRole("heading", { level: 1, name: t("nl", "reports.title"), exact: true })).toBeVisible();
    await expect(agent.page.getByTestId("report-category").locator("svg")).toBeVisible();
    await expectNoSeriousViolations(agent.page);
    await agent.page.goto(`/nl/helpdesk?view=high&q=${reference}`);
    const row = agent.page.getByTestId("queue").locator(`tr[data-reference="${reference}"]`);
    await row.getByRole("button", { name: t("nl", "queue.claim"), exact: true }).click();
    await expect(agent.page.getByTestId("queue").locator(`tr[data-reference="${reference}"]`)).toContainText(DEMO.joost.username);
    await agent.page.getByRole("link", { name: reference, exact: true }).click();
  });

  await test.step("the ticket: high priority, not yet verified, actions locked", async () => {
    await expect(ticket.root).toBeVisible();
    await expect(agent.page.getByText(t("nl", "helpdesk.priorities.high"), { exact: true })).toBeVisible();
    await expect(agent.page.getByTestId("helpdesk-methods").locator("li")).toHaveCount(2);
    const verification = agent.page.getByTestId("caller-verification");
    await waitForHydration(verification.getByRole("button").first());
    await expect(verification.getByRole("button", { name: t("nl", "helpdesk.actions.safe_reset"), exact: true })).toBeDisabled();
    await expectNoSeriousViolations(agent.page);
  });

  await test.step("the shortcut past caller verification is closed: an ID check for noor, who has a phone, is refused", async () => {
    const approvals = await ticket.approvals();
    await expect(approvals.getByTestId("identity-check-has-targets")).toHaveText(t("nl", "helpdesk.identityCheckHasTargets"));
    await approvals.getByLabel(t("nl", "helpdesk.approvalAction"), { exact: true }).selectOption("issue_access_pass");
    await approvals.getByLabel(t("nl", "helpdesk.identityChecked"), { exact: true }).check();
    await approvals.getByLabel(t("nl", "helpdesk.approvalReason"), { exact: true }).fill("Beller zegt dat hij noor is; identiteit gecontroleerd.");
    await approvals.getByRole("button", { name: t("nl", "helpdesk.requestApproval"), exact: true }).click();
    await expect(approvals.getByTestId("error-panel")).toHaveAttribute("data-error-code", "HELPDESK_IDENTITY_CHECK_NOT_ALLOWED");
    await expect(approvals.getByTestId("approval-list")).toHaveCount(0);
  });

  await test.step("a code goes to noor's phone naming the ticket; she reads it out; joost types it", async () => {
    const verification = agent.page.getByTestId("caller-verification");
    // Her mobile takes a text or a call that reads the code out; joost sends a text.
    await expect(verification.getByRole("button", { name: t("nl", "helpdesk.callCode", { number: "+31 •• ••• ••60" }), exact: true })).toBeVisible();
    await verification.getByRole("button", { name: t("nl", "helpdesk.sendCode", { number: "+31 •• ••• ••60" }), exact: true }).click();
    await expect(verification.getByTestId("code-on-its-way")).toHaveText(t("nl", "helpdesk.codeSent", { number: "+31 •• ••• ••60" }));
    const phone = new SimulatedPhonePage(await context.newPage(), "nl");
    const text = await phone.readText(NOOR_MOBILE, reference);
    // Only read it out when you called yourself; the helpdesk never calls to ask for it.
    expect(text).toContain("de helpdesk belt je nooit om hem te vragen");
    const code = SimulatedPhonePage.codeIn(text);
    await phone.page.close();
    await verification.getByLabel(t("nl", "helpdesk.codeLabel"), { exact: true }).fill(code);
    await verification.getByRole("button", { name: t("nl", "helpdesk.checkCode"), exact: true }).click();
    await expect(agent.page.getByTestId("caller-verified")).toBeVisible();
  });

  await test.step("safe reset", async () => {
    const verification = agent.page.getByTestId("caller-verification");
    await verification.getByRole("button", { name: t("nl", "helpdesk.actions.safe_reset"), exact: true }).click();
    await expect(agent.page.getByTestId("action-done")).toHaveText(t("nl", "helpdesk.actionDone.safe_reset"));
    await expect(agent.page.getByTestId("helpdesk-methods").locator("li")).toHaveCount(0);
  });

  const pass = await test.step("noor's mailbox has the temporary access pass", () =>
    new MailboxPage(page, "nl").find(NOOR_EMAIL, /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/));

  await test.step("the reset's notice names the methods that went: her app and her phone, masked", async () => {
    const removed = await new MailboxPage(page, "nl").find(NOOR_EMAIL, /Het gaat om je ([^.]+)\./, reference);
    expect(removed).toContain("authenticator-app");
    expect(removed).toContain("mobiele telefoon +31 •• ••• ••60");
  });

  await test.step("with her password and the pass she sets up a new authenticator app", async () => {
    const signIn = new SignInPage(page);
    await signIn.goto("nl");
    await signIn.signInWithPassword(DEMO.noor.username, DEMO_PASSWORD);
    await expect(page).toHaveURL(pathIs("/nl/sign-in/pass"), { timeout: 20_000 });
    await expectNoSeriousViolations(page);
    const field = page.getByLabel(t("nl", "pass.label"), { exact: true });
    await waitForHydration(field);
    await field.fill(pass);
    await page.getByRole("button", { name: t("nl", "pass.submit"), exact: true }).click();
    const register = new RegisterPage(page, "nl");
    await register.expectLoaded();
    const { seed } = await register.readManualKey();
    const step = stepAt(await waitForStepWithAtLeast(10));
    await register.code.fill(await codeForStep(seed, step));
    await register.confirm.click();
    await expect(page).toHaveURL((url) => url.pathname === "/nl/security-info", { timeout: 20_000 });
    await expect(page.getByTestId("methods").locator("li")).toHaveCount(1);
  });

  await test.step("the pass works once: a second try is refused", async () => {
    const again = await newClient();
    const signIn = new SignInPage(again.page);
    await signIn.goto("nl");
    await signIn.signInWithPassword(DEMO.noor.username, DEMO_PASSWORD);
    await expect(again.page).toHaveURL(pathIs("/nl/sign-in/verify"), { timeout: 20_000 });
    const use = again.page.getByTestId("use-pass");
    await waitForHydration(use);
    await use.click();
    await expect(again.page).toHaveURL(pathIs("/nl/sign-in/pass"));
    const field = again.page.getByLabel(t("nl", "pass.label"), { exact: true });
    await waitForHydration(field);
    await field.fill(pass);
    await again.page.getByRole("button", { name: t("nl", "pass.submit"), exact: true }).click();
    await expect(again.page.getByTestId("error-panel")).toHaveAttribute("data-error-code", "MFA_PASS_INVALID");
  });
});
