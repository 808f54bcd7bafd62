import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, outboxMessages, people, sessions } from "@/db/schema";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

async function admin() {
  const person = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
  return { browser: await signedInWithCode(person), person };
}

describe("people, for administrators", () => {
  it("create: no password yet, an enrolment link by email, audited; a taken username is refused", async () => {
    const { browser } = await admin();
    const username = `new-${randomUUID().slice(0, 8)}`;
    const created = await browser.call("admin.createPerson", {
      username: ` ${username.toUpperCase()} `,
      displayName: "New Person",
      email: `${username}@example.test`,
      locale: "en",
      role: "person",
    });
    expect(created.body.result!.data).toEqual({ username, status: "applied" });
    const db = await getDb();
    const [person] = await db.select().from(people).where(eq(people.username, username));
    expect(person!.passwordHash).toBeNull();
    expect(
      await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.personId, person!.id), eq(outboxMessages.template, "enrolment_link"))),
    ).toHaveLength(1);
    expect((await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person!.id))).map((a) => a.action).sort()).toEqual([
      "admin.person_created",
      "enrolment.link_created",
    ]);
    expect(appCode(await browser.call("admin.createPerson", { username, displayName: "Again", email: "x@example.test", locale: "nl", role: "person" }))).toBe("PERSON_EXISTS");
  });

  it("CSV import: the dry run reports every bad row and writes nothing; with errors nothing is created; clean, everyone is", async () => {
    const { browser } = await admin();
    const taken = await createTestPerson();
    const tag = randomUUID().slice(0, 6);
    const bad = [
      "username,display_name,email,locale,role",
      `ok-${tag},Okay Person,ok-${tag}@example.test,nl,person`,
      `bad email-${tag},Name,not-an-email,nl,person`,
      `dup-${tag},First,dup1-${tag}@example.test,en,person`,
      `dup-${tag},Second,dup2-${tag}@example.test,en,person`,
      `${taken.username},Taken,taken-${tag}@example.test,nl,person`,
      `role-${tag},Role,role-${tag}@example.test,de,root`,
    ].join("\n");
    const dry = (await browser.call("admin.importPeople", { csv: bad, dryRun: true })).body.result!.data as {
      rows: number;
      problems: Array<{ line: number; field: string; problem: string }>;
      created: number;
    };
    expect(dry.rows).toBe(6);
    expect(dry.created).toBe(0);
    expect(dry.problems.map((p) => `${p.line}:${p.field}:${p.problem}`)).toEqual([
      "3:username:username",
      "3:email:email",
      "5:username:duplicate_of_line_4",
      "6:username:exists",
      "7:locale:locale",
      "7:role:role",
    ]);
    const db = await getDb();
    expect(
      await db
        .select()
        .from(people)
        .where(eq(people.username, `ok-${tag}`)),
    ).toHaveLength(0);
    const refused = (await browser.call("admin.importPeople", { csv: bad, dryRun: false })).body.result!.data as { created: number };
    expect(refused.created).toBe(0);
    expect(
      await db
        .select()
        .from(people)
        .where(eq(people.username, `ok-${tag}`)),
    ).toHaveLength(0);

    const clean = [
      `"username","display_name","email","locale","role"`,
      `ok-${tag},"Okay, Person",ok-${tag}@example.test,nl,person`,
      `also-${tag},Also,also-${tag}@example.test,en,`,
    ].join("\r\n");
    const done = (await browser.call("admin.importPeople", { csv: clean, dryRun: false })).body.result!.data as { created: number; problems: unknown[] };
    expect(done).toMatchObject({ created: 2, problems: [] });
    const [imported] = await db
      .select()
      .from(people)
      .where(eq(people.username, `ok-${tag}`));
    expect(imported).toMatchObject({ displayName: "Okay, Person", role: "person" });
  });

  it("CSV import with a manager column: an empty manager is fine; a manager is refused (recorded on the person's page, with approval)", async () => {
    const { browser } = await admin();
    const boss = await createTestPerson();
    const tag = randomUUID().slice(0, 6);
    const withManager = [
      "username,display_name,email,locale,role,manager",
      `team-${tag},Team Member,team-${tag}@example.test,nl,person,${boss.username.toUpperCase()}`,
      `solo-${tag},Solo,solo-${tag}@example.test,nl,person,`,
    ].join("\n");
    const dry = (await browser.call("admin.importPeople", { csv: withManager, dryRun: true })).body.result!.data as {
      problems: Array<{ line: number; field: string; problem: string }>;
    };
    expect(dry.problems.map((p) => `${p.line}:${p.field}:${p.problem}`)).toEqual(["2:manager:manager_needs_approval"]);

    const clean = ["username,display_name,email,locale,role,manager", `solo-${tag},Solo,solo-${tag}@example.test,nl,person,`].join("\n");
    expect((await browser.call("admin.importPeople", { csv: clean, dryRun: false })).body.result!.data).toMatchObject({ created: 1, problems: [] });
    const db = await getDb();
    const [solo] = await db
      .select()
      .from(people)
      .where(eq(people.username, `solo-${tag}`));
    expect(solo).toMatchObject({ role: "person", managerId: null });
  });

  it("disable signs the person out everywhere; roles change with sessions ended; never on yourself", async () => {
    const { browser, person: me } = await admin();
    const second = await admin();
    const target = await createTestPerson({ policy: "strict", authenticator: true });
    await signedInWithCode(target);
    const db = await getDb();
    const active = () =>
      db
        .select()
        .from(sessions)
        .where(and(eq(sessions.personId, target.id), isNull(sessions.revokedAt)));
    expect(await active()).toHaveLength(1);
    expect((await browser.call("admin.setDisabled", { personId: target.id, disabled: true })).status).toBe(200);
    expect(await active()).toHaveLength(0);
    expect((await browser.call("admin.setDisabled", { personId: target.id, disabled: false })).status).toBe(200);
    // Granting a staff role waits for a second administrator (admin-approvals.int.test.ts); this one is applied.
    const asked = (await browser.call("admin.setRole", { personId: target.id, role: "agent" })).body.result!.data as { approvalId: string };
    expect((await second.browser.call("admin.decideApproval", { approvalId: asked.approvalId, decision: "approve" })).status).toBe(200);
    const [changed] = await db.select().from(people).where(eq(people.id, target.id));
    expect(changed).toMatchObject({ role: "agent", disabledAt: null });
    expect((await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, target.id)).orderBy(auditEvents.id)).map((a) => a.action)).toEqual([
      "admin.person_disabled",
      "admin.person_enabled",
      "admin.approval_requested",
      "admin.approval_granted",
      "admin.role_changed",
      "admin.approval_applied",
    ]);
    expect(appCode(await browser.call("admin.setRole", { personId: me.id, role: "person" }))).toBe("ADMIN_SELF_CHANGE");
    expect(appCode(await browser.call("admin.setDisabled", { personId: me.id, disabled: true }))).toBe("ADMIN_SELF_CHANGE");
  });
});
