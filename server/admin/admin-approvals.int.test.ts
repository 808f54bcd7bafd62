import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { adminApprovals, auditEvents, organisations, people } from "@/db/schema";
import { queuedEmails } from "@/test/delivery";
import { createTestPerson, type TestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { moveClockForTests, now } from "../core/clock";

type Result = { status: number; body: { result?: { data: unknown }; error?: { data: Record<string, unknown> } } };
const appCode = (r: Result) => r.body.error?.data.appCode;
const data = <T>(r: Result) => r.body.result!.data as T;
type Pending = { status: "pending"; approvalId: string };

async function admin(person?: TestPerson) {
  const me = person ?? (await createTestPerson({ policy: "strict", authenticator: true, role: "admin" }));
  return { person: me, browser: await signedInWithCode(me) };
}

const personRow = async (id: string) => (await (await getDb()).select().from(people).where(eq(people.id, id)))[0]!;
const byUsername = async (username: string) => (await getDb()).select().from(people).where(eq(people.username, username));
const actions = async (approvalId: string) =>
  (await (await getDb()).select().from(auditEvents).orderBy(auditEvents.id))
    .filter((a) => a.detail?.approvalId === approvalId)
    .map((a) => `${a.action}:${a.outcome}${a.reason ? `:${a.reason}` : ""}`);

describe("four eyes for administrators", () => {
  it("adding an administrator: the request changes nothing, the requester cannot approve, a second administrator applies it once", async () => {
    const first = await admin();
    const second = await admin();
    const third = await admin();
    const username = `adm-${randomUUID().slice(0, 8)}`;
    const asked = await first.browser.call("admin.createPerson", { username, displayName: "New Admin", email: `${username}@example.test`, locale: "en", role: "admin" });
    const pending = data<Pending & { username: string }>(asked);
    expect(pending).toMatchObject({ username, status: "pending" });
    expect(await byUsername(username)).toHaveLength(0);
    // The other administrators are asked by email; the requester is not.
    expect(await queuedEmails({ personId: second.person.id, template: "admin_approval_requested" })).toHaveLength(1);
    expect(await queuedEmails({ personId: first.person.id, template: "admin_approval_requested" })).toHaveLength(0);

    expect(appCode(await first.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toBe("ADMIN_SELF_APPROVAL");
    expect(await byUsername(username)).toHaveLength(0);

    expect(data(await second.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toEqual({ decision: "approved" });
    const [created] = await byUsername(username);
    expect(created).toMatchObject({ role: "admin", passwordHash: null });
    expect(await queuedEmails({ personId: created!.id, template: "enrolment_link" })).toHaveLength(1);

    // Once only: a second approval (anyone's) is refused and nothing more happens.
    expect(appCode(await third.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toBe("ADMIN_APPROVAL_CLOSED");
    expect(appCode(await second.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toBe("ADMIN_APPROVAL_CLOSED");
    expect(await byUsername(username)).toHaveLength(1);
    expect(await actions(pending.approvalId)).toEqual([
      "admin.approval_requested:success",
      "admin.approval_granted:failure:ADMIN_SELF_APPROVAL",
      "admin.approval_granted:success",
      "admin.person_created:success",
      "admin.approval_applied:success",
      "admin.approval_granted:failure:ADMIN_APPROVAL_CLOSED",
      "admin.approval_granted:failure:ADMIN_APPROVAL_CLOSED",
    ]);
  });

  it("two administrators approving at the same moment: the change is carried out once", async () => {
    const first = await admin();
    const [second, third] = await Promise.all([admin(), admin()]);
    const username = `race-${randomUUID().slice(0, 8)}`;
    const pending = data<Pending>(
      await first.browser.call("admin.createPerson", { username, displayName: "Race", email: `${username}@example.test`, locale: "nl", role: "agent" }),
    );
    const answers = await Promise.all([second, third].map((a) => a.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" })));
    expect(answers.map((r) => appCode(r) ?? "approved").sort()).toEqual(["ADMIN_APPROVAL_CLOSED", "approved"]);
    expect(await byUsername(username)).toHaveLength(1);
    expect((await actions(pending.approvalId)).filter((a) => a === "admin.approval_applied:success")).toHaveLength(1);
  });

  it("granting a role: pending until a second administrator approves; the person the change is about cannot decide it", async () => {
    const first = await admin();
    const second = await admin();
    const target = await createTestPerson({ policy: "strict", authenticator: true });
    const pending = data<Pending>(await first.browser.call("admin.setRole", { personId: target.id, role: "agent" }));
    expect(pending.status).toBe("pending");
    expect((await personRow(target.id)).role).toBe("person");
    expect(appCode(await first.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toBe("ADMIN_SELF_APPROVAL");
    expect(data(await second.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toEqual({ decision: "approved" });
    expect((await personRow(target.id)).role).toBe("agent");
    expect(appCode(await second.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toBe("ADMIN_APPROVAL_CLOSED");

    // Taking the administrator role away also needs four eyes, and the administrator concerned cannot approve it.
    const demote = data<Pending>(await first.browser.call("admin.setRole", { personId: second.person.id, role: "person" }));
    expect(demote.status).toBe("pending");
    expect(appCode(await second.browser.call("admin.decideApproval", { approvalId: demote.approvalId, decision: "approve" }))).toBe("ADMIN_SELF_CHANGE");
    expect((await personRow(second.person.id)).role).toBe("admin");

    // Taking the agent role away needs no second administrator.
    expect(data(await first.browser.call("admin.setRole", { personId: target.id, role: "person" }))).toEqual({ status: "applied" });
    expect((await personRow(target.id)).role).toBe("person");
  });

  it("setting a manager: pending until approved, applied once; refusing changes nothing; clearing needs no approval", async () => {
    const first = await admin();
    const second = await admin();
    const target = await createTestPerson();
    const boss = await createTestPerson();
    const other = await createTestPerson();
    const pending = data<Pending>(await first.browser.call("admin.setManager", { personId: target.id, manager: boss.username }));
    expect(pending.status).toBe("pending");
    expect((await personRow(target.id)).managerId).toBeNull();
    expect(appCode(await first.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toBe("ADMIN_SELF_APPROVAL");
    expect(data(await second.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toEqual({ decision: "approved" });
    expect((await personRow(target.id)).managerId).toBe(boss.id);
    expect(appCode(await second.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toBe("ADMIN_APPROVAL_CLOSED");

    const change = data<Pending>(await first.browser.call("admin.setManager", { personId: target.id, manager: other.username }));
    expect(data(await second.browser.call("admin.decideApproval", { approvalId: change.approvalId, decision: "refuse" }))).toEqual({ decision: "refused" });
    expect(appCode(await second.browser.call("admin.decideApproval", { approvalId: change.approvalId, decision: "approve" }))).toBe("ADMIN_APPROVAL_CLOSED");
    expect((await personRow(target.id)).managerId).toBe(boss.id);

    expect(data(await first.browser.call("admin.setManager", { personId: target.id, manager: "" }))).toEqual({ status: "applied" });
    expect((await personRow(target.id)).managerId).toBeNull();
  });

  it("approving re-checks the change: a person disabled meanwhile is not changed, nor is a request from a disabled administrator", async () => {
    const first = await admin();
    const second = await admin();
    const target = await createTestPerson();
    const pending = data<Pending>(await first.browser.call("admin.setRole", { personId: target.id, role: "admin" }));
    expect((await first.browser.call("admin.setDisabled", { personId: target.id, disabled: true })).status).toBe(200);
    expect(appCode(await second.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toBe("ADMIN_APPROVAL_STALE");
    expect((await personRow(target.id)).role).toBe("person");
    const [row] = await (await getDb()).select().from(adminApprovals).where(eq(adminApprovals.id, pending.approvalId));
    expect(row!.decision).toBeNull();

    // A request from an administrator who has since been disabled is not carried out either.
    const other = await createTestPerson();
    const third = await admin();
    const fromFirst = data<Pending>(await first.browser.call("admin.setRole", { personId: other.id, role: "agent" }));
    expect((await third.browser.call("admin.setDisabled", { personId: first.person.id, disabled: true })).status).toBe(200);
    expect(appCode(await second.browser.call("admin.decideApproval", { approvalId: fromFirst.approvalId, decision: "approve" }))).toBe("ADMIN_APPROVAL_STALE");
    expect((await personRow(other.id)).role).toBe("person");
  });

  it("a request expires after 30 minutes", async () => {
    const first = await admin();
    const other = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
    const target = await createTestPerson();
    const pending = data<Pending>(await first.browser.call("admin.setRole", { personId: target.id, role: "agent" }));
    moveClockForTests(31 * 60_000);
    const late = await admin(other);
    expect(appCode(await late.browser.call("admin.decideApproval", { approvalId: pending.approvalId, decision: "approve" }))).toBe("ADMIN_APPROVAL_CLOSED");
    expect((await personRow(target.id)).role).toBe("person");
  });

  it("the only administrator of an organisation adds the second without approval (audited, emailed); after that four eyes apply", async () => {
    const db = await getDb();
    const [org] = await db
      .insert(organisations)
      .values({ name: `Solo ${randomUUID().slice(0, 6)}`, createdAt: now() })
      .returning();
    const solo = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
    await db.update(people).set({ organisationId: org!.id }).where(eq(people.id, solo.id));
    const { browser } = await admin(solo);
    const username = `second-${randomUUID().slice(0, 8)}`;
    expect(data(await browser.call("admin.createPerson", { username, displayName: "Second Admin", email: `${username}@example.test`, locale: "nl", role: "admin" }))).toMatchObject(
      { status: "applied" },
    );
    const [second] = await byUsername(username);
    expect(second).toMatchObject({ role: "admin", organisationId: org!.id });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorPersonId, solo.id), eq(auditEvents.action, "admin.sole_admin_change")));
    expect(audit.map((a) => a.targetPersonId)).toEqual([second!.id]);
    const [mail] = await queuedEmails({ personId: solo.id, template: "admin_sole_admin_change" });
    expect(mail!.body).toContain(username);

    // Now there are two: the next administrator, and demoting the second, wait for approval.
    const third = `third-${randomUUID().slice(0, 8)}`;
    expect(data(await browser.call("admin.createPerson", { username: third, displayName: "Third", email: `${third}@example.test`, locale: "nl", role: "admin" }))).toMatchObject({
      status: "pending",
    });
    expect(await byUsername(third)).toHaveLength(0);
    expect(data(await browser.call("admin.setRole", { personId: second!.id, role: "person" }))).toMatchObject({ status: "pending" });
    expect((await personRow(second!.id)).role).toBe("admin");
    expect(await queuedEmails({ personId: second!.id, template: "admin_approval_requested" })).toHaveLength(1);
  });

  it("the CSV import cannot add staff or managers: those rows are refused with a code that points to the approval flow", async () => {
    const { browser } = await admin();
    const boss = await createTestPerson();
    const tag = randomUUID().slice(0, 6);
    const csv = [
      "username,display_name,email,locale,role,manager",
      `plain-${tag},Plain,plain-${tag}@example.test,nl,person,`,
      `agent-${tag},Agent,agent-${tag}@example.test,nl,agent,`,
      `boss-${tag},Admin,boss-${tag}@example.test,nl,admin,`,
      `team-${tag},Team,team-${tag}@example.test,nl,person,${boss.username}`,
    ].join("\n");
    const report = data<{ problems: Array<{ line: number; field: string; problem: string }>; created: number }>(await browser.call("admin.importPeople", { csv, dryRun: false }));
    expect(report.created).toBe(0);
    expect(report.problems.map((p) => `${p.line}:${p.field}:${p.problem}`)).toEqual([
      "3:role:role_needs_approval",
      "4:role:role_needs_approval",
      "5:manager:manager_needs_approval",
    ]);
    expect(await byUsername(`plain-${tag}`)).toHaveLength(0);
  });
});
