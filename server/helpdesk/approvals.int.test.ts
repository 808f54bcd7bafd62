import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { accessPasses, auditEvents } from "@/db/schema";
import { moveClockForTests } from "../clock";
import { fileTicket, personWithTicket, signedInAgent, verifiedCaller } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;
const IN_PERSON = { identityCheck: "in_person_id", reason: "Came to the service desk; checked passport against HR record." } as const;

async function ask(agent: Browser, reference: string, action: string, extra: Record<string, unknown> = IN_PERSON) {
  const response = await agent.call("helpdesk.requestApproval", { reference, action, ...extra });
  expect(response.status).toBe(200);
  return (response.body.result!.data as { approvalId: string }).approvalId;
}

async function signedInAdmin() {
  const person = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
  return { browser: await signedInWithCode(person), person };
}

describe("no usable method: an identity check approved by a second agent", () => {
  it("the pass is shown to the requesting agent once, works once, then never again", async () => {
    const { person, reference } = await personWithTicket();
    const { browser: first } = await signedInAgent();
    const { browser: second } = await signedInAgent();
    const approvalId = await ask(first, reference, "issue_access_pass");
    // Not yet approved: nothing happens.
    expect(appCode(await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
    expect(appCode(await first.call("helpdesk.approve", { approvalId }))).toBe("HELPDESK_SELF_APPROVAL");
    expect((await second.call("helpdesk.approve", { approvalId })).status).toBe(200);
    // Approved for the one who asked, not for the approver.
    expect(appCode(await second.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
    const done = await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId });
    const { pass } = done.body.result!.data as { pass: string };
    expect(pass).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // Once: the same approval shows nothing again.
    expect(appCode(await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
    const db = await getDb();
    const [stored] = await db.select().from(accessPasses).where(eq(accessPasses.personId, person.id));
    expect(stored).toMatchObject({ deliveredVia: "shown_once" });
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBeLessThanOrEqual(3600_000);

    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    await browser.call("signIn.usePass", {});
    expect((await browser.call("signIn.pass", { pass })).body.result!.data).toEqual({ status: "register" });
    const again = new Browser();
    await again.call("signIn.password", { username: person.username, password: person.password });
    await again.call("signIn.usePass", {});
    expect(appCode(await again.call("signIn.pass", { pass }))).toBe("MFA_PASS_INVALID");
  });

  it("approvals expire after 30 minutes", async () => {
    const { reference } = await personWithTicket();
    const { browser: first, person: firstPerson } = await signedInAgent();
    const { person: secondPerson } = await signedInAgent();
    const approvalId = await ask(first, reference, "unlock");
    moveClockForTests(30 * 60_000 + 1000);
    // Staff sessions end after 15 idle minutes: both agents sign in again.
    const second = await signedInWithCode(secondPerson);
    expect(appCode(await second.call("helpdesk.approve", { approvalId }))).toBe("HELPDESK_APPROVAL_REQUIRED");
    const firstAgain = await signedInWithCode(firstPerson);
    expect(appCode(await firstAgain.call("helpdesk.reset", { reference, action: "unlock", approvalId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
  });

  it("the person the approval is about cannot approve it", async () => {
    const { browser, reference } = await personWithTicket({ role: "agent" });
    const { browser: first } = await signedInAgent();
    const approvalId = await ask(first, reference, "unlock");
    expect(appCode(await browser.call("helpdesk.approve", { approvalId }))).toBe("HELPDESK_SELF_NOT_ALLOWED");
  });
});

describe("resetting staff or an administrator needs a second agent", () => {
  it("an administrator's reset: refused without approval, refused when an agent approves, done when an administrator approves", async () => {
    const admin = await createTestPerson({ policy: "strict", authenticator: true, mobile: "+31611188801", role: "admin" });
    const adminBrowser = await signedInWithCode(admin);
    const reference = await fileTicket(adminBrowser);
    const { browser: desk } = await signedInAgent();
    const verificationId = await verifiedCaller(desk, reference, "+31611188801");
    expect(appCode(await desk.call("helpdesk.reset", { reference, action: "sign_out_everywhere", verificationId }))).toBe("HELPDESK_APPROVAL_REQUIRED");

    const approvalId = await ask(desk, reference, "sign_out_everywhere", { reason: "Admin lost their phone, verified by code." });
    const { browser: otherAgent } = await signedInAgent();
    expect(appCode(await otherAgent.call("helpdesk.approve", { approvalId }))).toBe("HELPDESK_APPROVER_ROLE_TOO_LOW");
    const { browser: otherAdmin } = await signedInAdmin();
    expect((await otherAdmin.call("helpdesk.approve", { approvalId })).status).toBe(200);
    // The refused try above rolled back: the verification is still there to use.
    const done = await desk.call("helpdesk.reset", { reference, action: "sign_out_everywhere", verificationId, approvalId });
    expect(done.body.result!.data).toMatchObject({ action: "sign_out_everywhere", sessionsEnded: 1 });
    expect(done.body.result!.data).not.toHaveProperty("pass");

    const db = await getDb();
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.targetPersonId, admin.id), eq(auditEvents.action, "helpdesk.signed_out_everywhere")));
    expect(audit.map((a) => a.outcome).sort()).toEqual(["failure", "success"]);
  });
});
