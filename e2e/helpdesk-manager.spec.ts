/**
 * Journey (issue 6, the no-usable-method path by manager): willem has only the app on a lost
 * phone. joost asks his manager on record, ingrid, to confirm who he is; ingrid follows the link in
 * her email, signs in, and confirms with her own code; fatima reads the facts beside the reason
 * and approves; joost carries it out, and the temporary access pass goes to willem's address on
 * file, never to the agent (issue 10); then he merges willem's duplicate ticket. willem and ingrid
 * are used by this spec only.
 */
import type { Page } from "@playwright/test";
import { expect, test, type Client } from "./fixtures";
import { HelpdeskTicketPage } from "./pages/HelpdeskTicketPage";
import { MailboxPage } from "./pages/MailboxPage";
import { NewTicketPage } from "./pages/NewTicketPage";
import { SignInPage } from "./pages/SignInPage";
import { VerifyPage } from "./pages/VerifyPage";
import { submitDemoCode } from "./support/authenticator";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { openTicketAsAgent } from "./support/helpdesk";
import { waitForHydration } from "./support/hydration";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

/** An agent on the ticket's page, with its approvals panel ready. */
async function agentOn(newClient: () => Promise<Client>, username: string, reference: string) {
  const { agent, ticket } = await openTicketAsAgent(newClient, username, reference);
  return { agent, approvals: await ticket.approvals() };
}

/** willem files a lost-phone ticket without signing in (he cannot). */
function fileAnonymousTicket(page: Page, subject: string): Promise<string> {
  return new NewTicketPage(page, "nl").file({
    category: "lost_phone",
    subject,
    description: "Mijn telefoon met de app is gestolen; ik werk vandaag thuis.",
    requester: { name: DEMO.willem.displayName, username: DEMO.willem.username, contactEmail: "willem.prive@example.test" },
  });
}

const WILLEM_ON_FILE = "willem@demo.tweestap.test";
const PASS = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/;

test("no usable method: the manager on record confirms with her own code, a second agent approves after reading the facts, the pass goes to the address on file; a duplicate ticket is merged", async ({
  page,
  newClient,
}) => {
  const [reference, duplicate] = await test.step("willem files a ticket without signing in, and in his hurry a second one", async () => [
    await fileAnonymousTicket(page, "Telefoon gestolen"),
    await fileAnonymousTicket(page, "Nogmaals: telefoon gestolen"),
  ]);

  const { agent: joost, approvals } = await agentOn(newClient, DEMO.joost.username, reference);
  await test.step("joost asks willem's manager to confirm who he is", async () => {
    await approvals.getByLabel(t("nl", "helpdesk.approvalAction"), { exact: true }).selectOption("issue_access_pass");
    await approvals.getByLabel(t("nl", "helpdesk.identityManager"), { exact: true }).check();
    await approvals.getByLabel(t("nl", "helpdesk.approvalReason"), { exact: true }).fill("Belt vanaf een onbekend nummer; leidinggevende gevraagd.");
    await approvals.getByRole("button", { name: t("nl", "helpdesk.requestApproval"), exact: true }).click();
    await expect(approvals.getByTestId("manager-state")).toHaveText(t("nl", "helpdesk.managerWaiting"));
    await expectNoSeriousViolations(joost.page);
  });

  await test.step("ingrid follows the link in her email, signs in, and confirms with her own code", async () => {
    const ingrid = await newClient();
    const link = await new MailboxPage(ingrid.page, "nl").find("ingrid@demo.tweestap.test", /(https?:\/\/\S+\/confirm-identity\/[0-9a-f-]{36})/, reference);
    const target = new URL(link).pathname;
    await ingrid.page.goto(target);
    // Not signed in: to sign-in, and back to the request afterwards.
    await expect(ingrid.page).toHaveURL(pathIs("/nl/sign-in"));
    const signIn = new SignInPage(ingrid.page);
    await signIn.signInWithPassword(DEMO.ingrid.username, DEMO_PASSWORD);
    const verify = new VerifyPage(ingrid.page, "nl");
    await verify.expectLoaded();
    await submitDemoCode(DEMO.ingrid.username, {}, async (code) => {
      await verify.enterCode(code);
      await expect(ingrid.page).toHaveURL(pathIs(target), { timeout: 20_000 });
    });
    const check = ingrid.page.getByTestId("manager-check");
    await expect(check).toContainText(DEMO.willem.displayName);
    await expect(check).toContainText(reference);
    await expectNoSeriousViolations(ingrid.page);
    const confirm = check.getByRole("button", { name: t("nl", "managerCheck.confirm"), exact: true });
    await waitForHydration(confirm);
    await confirm.click();
    await expect(ingrid.page.getByTestId("manager-check-closed")).toHaveText(t("nl", "managerCheck.alreadyConfirmed"));
  });

  await test.step("fatima reads the facts beside the reason and approves; joost carries it out: the pass is emailed to willem's address on file, not shown", async () => {
    const { agent: fatima, approvals: hers } = await agentOn(newClient, DEMO.fatima.username, reference);
    const item = hers.getByTestId("approval-list").locator("li").first();
    await expect(item.getByTestId("manager-state")).toHaveText(t("nl", "helpdesk.managerConfirmed"));
    const facts = item.getByTestId("approval-facts");
    await expect(facts).toContainText(t("nl", "helpdesk.factsNoTargets"));
    await expect(facts).toContainText(t("nl", "helpdesk.factsContactDiffers"));
    await expectNoSeriousViolations(fatima.page);
    await item.getByRole("button", { name: t("nl", "helpdesk.approve"), exact: true }).click();
    await expect(item).toHaveAttribute("data-approval-state", "approved");

    await joost.page.reload();
    const panel = joost.page.getByTestId("approvals");
    const carry = panel.getByRole("button", { name: t("nl", "helpdesk.carryOut"), exact: true });
    await waitForHydration(carry);
    await carry.click();
    await expect(panel.getByTestId("pass-emailed")).toHaveText(t("nl", "helpdesk.passEmailed"));
    await expect(panel.getByTestId("pass-value")).toHaveCount(0);
    const pass = await new MailboxPage(joost.page, "nl").find(WILLEM_ON_FILE, PASS, reference);
    // Nothing of it went to the address the caller gave.
    await new MailboxPage(joost.page, "nl").goto("willem.prive@example.test");
    await expect(joost.page.getByTestId("mailbox")).not.toContainText(pass);
    await new HelpdeskTicketPage(joost.page, "nl").goto(reference);
    await expect(joost.page.getByTestId("approvals").getByTestId("approval-list").locator("li").first()).toHaveAttribute("data-approval-state", "used");
    await expect(joost.page.getByTestId("ticket-history")).toContainText(t("nl", "audit.actionNames.helpdesk.manager_confirmed"));
  });

  await test.step("joost merges the duplicate into the ticket he works on", async () => {
    await new HelpdeskTicketPage(joost.page, "nl").goto(duplicate);
    await expect(joost.page.getByTestId("address-differs")).toHaveText(t("nl", "helpdesk.addressDiffersNotice"));
    const merge = joost.page.getByTestId("merge-form");
    await waitForHydration(merge);
    await merge.getByLabel(t("nl", "helpdesk.mergeLabel"), { exact: true }).fill(reference.toLowerCase());
    await merge.getByRole("button", { name: t("nl", "helpdesk.mergeReview"), exact: true }).click();
    // The dialog shows both tickets and how sure we are of each requester (willem gave his private address twice).
    const preview = merge.getByTestId("merge-preview");
    await expect(preview.getByTestId("merge-kept")).toContainText(reference);
    for (const side of ["merge-duplicate-standing", "merge-kept-standing"]) {
      await expect(preview.getByTestId(side)).toHaveText(t("nl", "helpdesk.standing.address_differs"));
    }
    await expectNoSeriousViolations(joost.page);
    await preview.getByRole("button", { name: t("nl", "helpdesk.merge"), exact: true }).click();
    await expect(joost.page.getByTestId("merged-into").getByRole("link", { name: reference })).toBeVisible();
    await joost.page.getByTestId("merged-into").getByRole("link", { name: reference }).click();
    await expect(joost.page.getByTestId("merged-from")).toContainText(duplicate);
    await expect(joost.page.getByTestId("ticket-history")).toContainText(t("nl", "audit.actionNames.ticket.merged"));
  });
});
