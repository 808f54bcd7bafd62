/**
 * Journey (issue 6, acceptance 2): pieter has only the app on a lost phone, so the helpdesk
 * cannot send him a code. joost checks his ID in person and asks for approval; fatima approves;
 * joost sees a temporary access pass once; pieter sets up a new app with it; the pass never works
 * again. pieter and fatima are used by this spec only.
 */
import { expect, test, type Client } from "./fixtures";
import { NewTicketPage } from "./pages/NewTicketPage";
import { RegisterPage } from "./pages/RegisterPage";
import { SignInPage } from "./pages/SignInPage";
import { codeForStep, stepAt, waitForStepWithAtLeast } from "./support/authenticator";
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

async function enterPass(page: import("@playwright/test").Page, pass: string) {
  const signIn = new SignInPage(page);
  await signIn.goto("nl");
  await signIn.signInWithPassword(DEMO.pieter.username, DEMO_PASSWORD);
  await expect(page).toHaveURL(pathIs("/nl/sign-in/verify"), { timeout: 20_000 });
  const use = page.getByTestId("use-pass");
  await waitForHydration(use);
  await use.click();
  await expect(page).toHaveURL(pathIs("/nl/sign-in/pass"));
  const field = page.getByLabel(t("nl", "pass.label"), { exact: true });
  await waitForHydration(field);
  await field.fill(pass);
  await page.getByRole("button", { name: t("nl", "pass.submit"), exact: true }).click();
}

test("no usable method: identity check, a second agent's approval, a pass shown once that works once", async ({ page, newClient }) => {
  const reference = await test.step("pieter files a ticket without signing in", async () => {
    return new NewTicketPage(page, "nl").file({
      category: "lost_phone",
      subject: "Telefoon kwijt",
      description: "Mijn telefoon met de app is kwijt. Ik sta bij de servicebalie.",
      requester: { name: DEMO.pieter.displayName, username: DEMO.pieter.username, contactEmail: "pieter.prive@example.test" },
    });
  });

  const { agent: joost, approvals } = await agentOn(newClient, DEMO.joost.username, reference);
  await test.step("joost: no phone to send a code to; he records the ID check and asks for approval", async () => {
    await expect(joost.page.getByText(t("nl", "helpdesk.noTargets"), { exact: true })).toBeVisible();
    await approvals.getByLabel(t("nl", "helpdesk.approvalAction"), { exact: true }).selectOption("issue_access_pass");
    await approvals.getByLabel(t("nl", "helpdesk.identityChecked"), { exact: true }).check();
    await approvals.getByLabel(t("nl", "helpdesk.approvalReason"), { exact: true }).fill("Aan de balie; paspoort vergeleken met de HR-gegevens.");
    await approvals.getByRole("button", { name: t("nl", "helpdesk.requestApproval"), exact: true }).click();
    await expect(approvals.getByTestId("approval-list").locator("li").first()).toHaveAttribute("data-approval-state", "waiting");
    // He cannot approve his own request.
    await expect(approvals.getByRole("button", { name: t("nl", "helpdesk.approve"), exact: true })).toHaveCount(0);
    await expectNoSeriousViolations(joost.page);
  });

  await test.step("fatima reads the facts beside the reason, and approves", async () => {
    const { approvals: hers } = await agentOn(newClient, DEMO.fatima.username, reference);
    const facts = hers.getByTestId("approval-facts");
    // His one method, named by the one <MethodLabel> as security info names it.
    await expect(facts.locator('[data-fact="methods"]').getByTestId("method-label")).toHaveText(t("nl", "methods.labels.totp"));
    await expect(facts).toContainText(t("nl", "helpdesk.factsNoTargets"));
    await expect(facts).toContainText(t("nl", "helpdesk.factsAnonymous"));
    await expect(facts).toContainText(t("nl", "helpdesk.factsContactDiffers"));
    await hers.getByRole("button", { name: t("nl", "helpdesk.approve"), exact: true }).click();
    await expect(hers.getByTestId("approval-list").locator("li").first()).toHaveAttribute("data-approval-state", "approved");
  });

  const pass = await test.step("joost carries it out and sees the pass, once", async () => {
    await joost.page.reload();
    const panel = joost.page.getByTestId("approvals");
    const carry = panel.getByRole("button", { name: t("nl", "helpdesk.carryOut"), exact: true });
    await waitForHydration(carry);
    await carry.click();
    const value = (await panel.getByTestId("pass-value").innerText()).trim();
    expect(value).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await joost.page.reload();
    await expect(joost.page.getByTestId("approvals").getByTestId("approval-list").locator("li").first()).toHaveAttribute("data-approval-state", "used");
    await expect(joost.page.getByTestId("pass-value")).toHaveCount(0);
    await expect(joost.page.locator("body")).not.toContainText(value);
    return value;
  });

  await test.step("pieter uses the pass to set up a new app", async () => {
    await enterPass(page, pass);
    const register = new RegisterPage(page, "nl");
    await register.expectLoaded();
    const { seed } = await register.readManualKey();
    const step = stepAt(await waitForStepWithAtLeast(10));
    await register.code.fill(await codeForStep(seed, step));
    await register.confirm.click();
    await expect(page).toHaveURL((url) => url.pathname === "/nl/security-info", { timeout: 20_000 });
  });

  await test.step("the pass never works again", async () => {
    const again = await newClient();
    await enterPass(again.page, pass);
    await expect(again.page.getByTestId("error-panel")).toHaveAttribute("data-error-code", "MFA_PASS_INVALID");
  });
});
