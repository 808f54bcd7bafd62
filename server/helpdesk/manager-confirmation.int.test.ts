import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { accessPasses, auditEvents, people } from "@/db/schema";
import { moveClockForTests } from "../core/clock";
import { queuedEmails } from "@/test/delivery";
import { approveWithFacts, personWithTicket, signedInAgent } from "@/test/helpdesk";
import type { Browser } from "@/test/http";
import { createTestPerson, type TestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;
const BY_MANAGER = { identityCheck: "manager_confirmed", reason: "Called from a withheld number; asking the manager on record." } as const;

async function withManager(options: { managerRole?: "person" | "agent" } = {}) {
  const subject = await personWithTicket({ phone: false });
  const manager = await createTestPerson({ policy: "strict", authenticator: true, role: options.managerRole });
  const admin = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true, role: "admin" }));
  // Recording a manager needs a second administrator's approval (server/admin/admin-approvals.ts).
  const second = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true, role: "admin" }));
  const asked = await admin.call("admin.setManager", { personId: subject.person.id, manager: manager.username });
  const { approvalId } = asked.body.result!.data as { approvalId: string };
  expect((await second.call("admin.decideApproval", { approvalId, decision: "approve" })).status).toBe(200);
  return { ...subject, manager };
}

async function ask(agent: Browser, reference: string) {
  const response = await agent.call("helpdesk.requestApproval", { reference, action: "issue_access_pass", ...BY_MANAGER });
  expect(response.status).toBe(200);
  return (response.body.result!.data as { approvalId: string }).approvalId;
}

async function managerSignedIn(manager: TestPerson) {
  return signedInWithCode(manager);
}

describe("no usable method: the manager on record confirms the identity", () => {
  it("the manager is emailed a link, confirms with their own factor, then a second agent approves; the pass goes to the address on file, never to the agent", async () => {
    const { person, browser: self, reference, manager } = await withManager();
    const { browser: first } = await signedInAgent();
    const { browser: second } = await signedInAgent();
    const approvalId = await ask(first, reference);

    const [mail] = await queuedEmails({ personId: manager.id, template: "manager_confirmation_requested" });
    expect(mail!.body).toContain(`/confirm-identity/${approvalId}`);
    expect(mail!.body).toContain(reference);

    // Before the manager answers, nobody can approve it.
    expect(appCode(await approveWithFacts(second, approvalId))).toBe("HELPDESK_MANAGER_NOT_CONFIRMED");
    // Someone else opening the link sees nothing, and cannot answer; nor can the person it is about.
    const stranger = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    expect(appCode(await stranger.call("helpdesk.managerRequest", { approvalId }, { method: "GET" }))).toBe("NOT_FOUND");
    expect(appCode(await stranger.call("helpdesk.managerDecide", { approvalId, decision: "confirmed" }))).toBe("NOT_FOUND");
    expect(appCode(await self.call("helpdesk.managerDecide", { approvalId, decision: "confirmed" }))).toBe("NOT_FOUND");

    const boss = await managerSignedIn(manager);
    const seen = (await boss.call("helpdesk.managerRequest", { approvalId }, { method: "GET" })).body.result!.data as Record<string, unknown>;
    expect(seen).toMatchObject({ reference, personUsername: person.username, open: true, decision: null });
    expect((await boss.call("helpdesk.managerDecide", { approvalId, decision: "confirmed" })).status).toBe(200);
    // Once only.
    expect(appCode(await boss.call("helpdesk.managerDecide", { approvalId, decision: "declined" }))).toBe("NOT_FOUND");

    expect((await approveWithFacts(second, approvalId)).status).toBe(200);
    const done = await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId });
    expect(done.status).toBe(200);
    // Not to the agent on the phone: the answer carries no pass; it is in an email to the address on file.
    expect(done.body.result!.data).not.toHaveProperty("pass");
    const [passMail] = await queuedEmails({ personId: person.id, template: "access_pass_issued" });
    const pass = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})/.exec(passMail!.body)![1]!;
    expect(JSON.stringify(done.body)).not.toContain(pass);
    const db = await getDb();
    const [stored] = await db.select().from(accessPasses).where(eq(accessPasses.personId, person.id));
    expect(stored).toMatchObject({ deliveredVia: "email" });
    const [sentTo] = await db.select({ email: people.email }).from(people).where(eq(people.id, person.id));
    expect(sentTo!.email).toBe(`${person.username}@example.test`);

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id));
    expect(audit.filter((a) => a.action === "helpdesk.manager_confirmed")).toEqual([expect.objectContaining({ actorPersonId: manager.id, actorKind: "person" })]);
  });

  it("a manager who declines stops the request", async () => {
    const { reference, manager } = await withManager();
    const { browser: first } = await signedInAgent();
    const { browser: second } = await signedInAgent();
    const approvalId = await ask(first, reference);
    const boss = await managerSignedIn(manager);
    expect((await boss.call("helpdesk.managerDecide", { approvalId, decision: "declined" })).status).toBe(200);
    expect(appCode(await approveWithFacts(second, approvalId))).toBe("HELPDESK_MANAGER_NOT_CONFIRMED");
    expect(appCode(await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
  });

  it("the manager answers with a fresh second factor, and not after the request expired", async () => {
    const { reference, manager } = await withManager();
    const { browser: first } = await signedInAgent();
    const approvalId = await ask(first, reference);
    const boss = await managerSignedIn(manager);
    moveClockForTests(11 * 60_000);
    expect(appCode(await boss.call("helpdesk.managerDecide", { approvalId, decision: "confirmed" }))).toBe("MFA_FRESH_FACTOR_REQUIRED");
    moveClockForTests(20 * 60_000);
    const later = await managerSignedIn(manager);
    expect(appCode(await later.call("helpdesk.managerDecide", { approvalId, decision: "confirmed" }))).toBe("NOT_FOUND");
  });

  it("no manager on record; the manager cannot be the requesting or the approving agent", async () => {
    const { reference } = await personWithTicket({ phone: false });
    const { browser: agent } = await signedInAgent();
    const none = await agent.call("helpdesk.requestApproval", { reference, action: "issue_access_pass", ...BY_MANAGER });
    expect(appCode(none)).toBe("HELPDESK_NO_MANAGER");

    const { reference: second, manager } = await withManager({ managerRole: "agent" });
    const managerAgent = await managerSignedIn(manager);
    expect(appCode(await managerAgent.call("helpdesk.requestApproval", { reference: second, action: "issue_access_pass", ...BY_MANAGER }))).toBe("HELPDESK_MANAGER_CONFLICT");
    const approvalId = await ask(agent, second);
    expect((await managerAgent.call("helpdesk.managerDecide", { approvalId, decision: "confirmed" })).status).toBe(200);
    expect(appCode(await approveWithFacts(managerAgent, approvalId))).toBe("HELPDESK_MANAGER_CONFLICT");
  });

  it("administrators set and clear a manager (audited); never the person themselves", async () => {
    const { person, manager } = await withManager();
    const admin = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true, role: "admin" }));
    expect(appCode(await admin.call("admin.setManager", { personId: person.id, manager: person.username }))).toBe("INPUT_INVALID");
    expect(appCode(await admin.call("admin.setManager", { personId: person.id, manager: "nobody-by-this-name" }))).toBe("NOT_FOUND");
    const db = await getDb();
    expect((await db.select({ managerId: people.managerId }).from(people).where(eq(people.id, person.id)))[0]!.managerId).toBe(manager.id);
    expect((await admin.call("admin.setManager", { personId: person.id, manager: "" })).status).toBe(200);
    expect((await db.select({ managerId: people.managerId }).from(people).where(eq(people.id, person.id)))[0]!.managerId).toBeNull();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id));
    expect(audit.filter((a) => a.action === "admin.manager_set")).toHaveLength(2);
  });
});
