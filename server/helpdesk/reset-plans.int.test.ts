import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { accessPasses, auditEvents, callerVerifications, factorLockouts, mfaMethods, outboxMessages, people, sessions, totpCredentials } from "@/db/schema";
import { queuedEmails } from "@/test/delivery";
import { codeIn, newestText, personWithTicket, signedInAgent, verifiedCaller } from "@/test/helpdesk";
import type { Browser } from "@/test/http";
import { now } from "../core/clock";
import { issueAccessPass } from "../verification/methods/access-pass/access-passes";
import { lockState } from "../verification/lockout";
import { maskPhone } from "../verification/methods/phone/phone-number";
import { RESET_PLANS } from "./reset-plans";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

/**
 * A person as the helpdesk finds them: signed in (one session), the app and a mobile, locked for
 * 10 minutes (shorter than a pass, so only an unlock lifts it) and an older pass still unused.
 */
async function personToReset() {
  const subject = await personWithTicket();
  const db = await getDb();
  await db
    .insert(factorLockouts)
    .values({ personId: subject.person.id, consecutiveFailures: 10, lockedUntil: new Date(now().getTime() + 10 * 60_000), updatedAt: now() })
    .onConflictDoUpdate({ target: factorLockouts.personId, set: { lockedUntil: new Date(now().getTime() + 10 * 60_000) } });
  const olderPass = await db.transaction((tx) =>
    issueAccessPass(tx, { personId: subject.person.id, issuedBy: subject.person.id, ticketId: null, deliveredVia: "email", at: now(), ttlMinutes: 60 }),
  );
  return { ...subject, olderPassId: olderPass.id };
}

async function stateOf(personId: string, olderPassId: string) {
  const db = await getDb();
  const live = await db
    .select({ kind: mfaMethods.kind })
    .from(mfaMethods)
    .where(and(eq(mfaMethods.personId, personId), isNull(mfaMethods.removedAt)));
  const activeSessions = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)));
  const passes = await db.select().from(accessPasses).where(eq(accessPasses.personId, personId));
  return {
    kinds: live.map((m) => m.kind).sort(),
    sessions: activeSessions.length,
    locked: (await lockState(db, personId, now())).locked,
    olderPassRevoked: passes.find((p) => p.id === olderPassId)!.revokedAt !== null,
    newPasses: passes.filter((p) => p.id !== olderPassId && p.revokedAt === null).length,
  };
}

async function auditRows(personId: string, action: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetPersonId, personId), sql`${auditEvents.action} = ${action}`));
}

/** What each reset does for the person (PRODUCT.md), written out: the rows must say this, and the executor must do it. */
const PROMISED = {
  sign_out_everywhere: { sessions: true, unlock: false, methods: false, pass: false },
  unlock: { sessions: false, unlock: true, methods: false, pass: false },
  require_reregistration: { sessions: false, unlock: false, methods: true, pass: false },
  issue_access_pass: { sessions: false, unlock: false, methods: false, pass: true },
  safe_reset: { sessions: true, unlock: true, methods: true, pass: true },
};

describe("the helpdesk reset is a plan table: each reset kind does exactly what its row says", () => {
  it("the rows say what each reset promises; the safe reset retires every kind the registry has", () => {
    const rows = Object.fromEntries(
      Object.entries(RESET_PLANS).map(([action, plan]) => [
        action,
        { sessions: plan.revokeSessions, unlock: plan.unlock, methods: plan.retireMethods === "all", pass: plan.issuePass },
      ]),
    );
    expect(rows).toEqual(PROMISED);
    expect(RESET_PLANS.safe_reset.retireMethods).toBe("all");
    expect(RESET_PLANS.safe_reset.retireCredentials).toEqual(["access_pass"]);
  });

  for (const [action, plan] of Object.entries(RESET_PLANS)) {
    it(action, async () => {
      const { person, mobile, reference, olderPassId } = await personToReset();
      const { browser: desk, person: agent } = await signedInAgent();
      const before = await stateOf(person.id, olderPassId);
      expect(before).toEqual({ kinds: ["phone", "totp"], sessions: 1, locked: true, olderPassRevoked: false, newPasses: 0 });

      const verificationId = await verifiedCaller(desk, reference, mobile);
      const reset = await desk.call("helpdesk.reset", { reference, action, verificationId });
      expect(reset.status).toBe(200);
      const retiresAll = plan.retireMethods === "all";
      expect(reset.body.result!.data).toEqual({ action, sessionsEnded: plan.revokeSessions ? 1 : 0, methodsRemoved: retiresAll ? 2 : 0 });

      // A pass replaces the older one; a plan that retires passes ends it too. Nothing else changes.
      expect(await stateOf(person.id, olderPassId)).toEqual({
        kinds: retiresAll ? [] : ["phone", "totp"],
        sessions: plan.revokeSessions ? 0 : 1,
        locked: !plan.unlock,
        olderPassRevoked: plan.issuePass || plan.retireCredentials.includes("access_pass"),
        newPasses: plan.issuePass ? 1 : 0,
      });
      const audit = await auditRows(person.id, plan.audit);
      expect(audit).toEqual([expect.objectContaining({ outcome: "success", actorPersonId: agent.id })]);
      expect(audit[0]!.detail).toMatchObject({
        verificationId,
        sessionsEnded: plan.revokeSessions ? 1 : 0,
        methodsRemoved: retiresAll ? 2 : 0,
        methodsRemovedByKind: retiresAll ? "phone:1,totp:1" : "",
        accessPassIssued: plan.issuePass,
        lockLifted: plan.unlock,
      });
      const db = await getDb();
      const notices = await db.select({ template: outboxMessages.template }).from(outboxMessages).where(eq(outboxMessages.personId, person.id));
      if (plan.notice) expect(notices.map((n) => n.template)).toContain(plan.notice);
      expect(notices.filter((n) => n.template === "access_pass_issued")).toHaveLength(plan.issuePass ? 1 : 0);
    });
  }

  it("a retired app's sealed secret is gone, and a text code the phone got before the reset no longer signs in", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const { Browser } = await import("@/test/http");
    const { factorStepState } = await import("../verification/sign-in-factor");
    // Someone with the password (and the phone) is half-way through a sign-in by text.
    const thief = new Browser();
    await thief.call("signIn.password", { username: person.username, password: person.password });
    const sms = (await factorStepState(thief.requestInfo())).options.find((o) => o.channel === "sms")!;
    await thief.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    const stolenCode = codeIn(await newestText(mobile));

    const { browser: desk } = await signedInAgent();
    const verificationId = await verifiedCaller(desk, reference, mobile);
    expect((await desk.call("helpdesk.reset", { reference, action: "require_reregistration", verificationId })).status).toBe(200);

    const db = await getDb();
    const apps = await db
      .select({ id: mfaMethods.id })
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "totp")));
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.methodId, apps[0]!.id))).toEqual([]);
    const refused = await thief.call("signIn.code", { code: stolenCode });
    expect(refused.status).not.toBe(200);
  });
});

describe("the person's notice names the methods the reset retired", () => {
  it.each([
    ["nl", "require_reregistration", "Het gaat om je ", ["authenticator-app", "mobiele telefoon {masked}", "herstelcodes"]],
    ["en", "safe_reset", "Those were your ", ["authenticator app", "mobile phone {masked}", "recovery codes"]],
  ] as const)("%s, %s: label and masked detail of each, as each method describes itself", async (locale, action, lead, named) => {
    const { person, mobile, browser, reference } = await personWithTicket();
    const db = await getDb();
    await db.update(people).set({ locale }).where(eq(people.id, person.id));
    expect((await browser.call("methods.generateRecoveryCodes", {})).status).toBe(200);
    const { browser: desk } = await signedInAgent();
    const verificationId = await verifiedCaller(desk, reference, mobile);
    expect((await desk.call("helpdesk.reset", { reference, action, verificationId })).body.result!.data).toMatchObject({ methodsRemoved: 3 });

    const [notice] = await queuedEmails({ personId: person.id, template: RESET_PLANS[action].notice! });
    const removed = notice!.body.slice(notice!.body.indexOf(lead) + lead.length).split(".")[0]!;
    for (const name of named) expect(removed).toContain(name.replace("{masked}", maskPhone(mobile)));
    expect(removed).toMatch(locale === "nl" ? / en / : /, and /);
    // Never the full number, and never a message key.
    expect(notice!.body).not.toContain(mobile.slice(3));
    expect(notice!.body).not.toContain("methods.");
  });
});

describe("one failure rolls back the whole reset", () => {
  /** A real refusal from the database half-way: issuing this person's pass fails after sessions, lock and methods were done. */
  async function refusePassesFor(personId: string): Promise<() => Promise<void>> {
    const db = await getDb();
    const name = `refuse_pass_${personId.replaceAll("-", "")}`;
    await db.execute(sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'pass refused for the test'; end $$`));
    await db.execute(sql.raw(`create trigger ${name} before insert on access_passes for each row when (new.person_id = '${personId}') execute function ${name}()`));
    return async () => {
      await db.execute(sql.raw(`drop trigger ${name} on access_passes`));
      await db.execute(sql.raw(`drop function ${name}()`));
    };
  }

  it("safe reset: when the pass cannot be issued, no session ended, no lock lifted, no method retired, the verification is not used, no success audited", async () => {
    const { person, mobile, reference, olderPassId } = await personToReset();
    const { browser: desk } = await signedInAgent();
    const verificationId = await verifiedCaller(desk, reference, mobile);
    const before = await stateOf(person.id, olderPassId);
    const restore = await refusePassesFor(person.id);
    let failed: Awaited<ReturnType<Browser["call"]>>;
    try {
      failed = await desk.call("helpdesk.reset", { reference, action: "safe_reset", verificationId });
    } finally {
      await restore();
    }
    expect(failed.status).toBe(500);
    expect(await stateOf(person.id, olderPassId)).toEqual(before);
    expect(await auditRows(person.id, "helpdesk.safe_reset")).toEqual([]);
    const db = await getDb();
    const [verification] = await db.select().from(callerVerifications).where(eq(callerVerifications.id, verificationId));
    expect(verification!.usedAt).toBeNull();
    const notices = await db.select({ template: outboxMessages.template }).from(outboxMessages).where(eq(outboxMessages.personId, person.id));
    expect(notices.map((n) => n.template)).not.toContain("helpdesk_safe_reset");

    // Nothing was used up: the same verification carries the reset out once the pass can be issued.
    const again = await desk.call("helpdesk.reset", { reference, action: "safe_reset", verificationId });
    expect(again.body.result!.data).toEqual({ action: "safe_reset", sessionsEnded: 1, methodsRemoved: 2 });
    expect(appCode(await desk.call("helpdesk.reset", { reference, action: "safe_reset", verificationId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
  });
});
