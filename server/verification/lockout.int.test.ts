import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, factorFailures, factorLockouts, outboxMessages } from "@/db/schema";
import { moveClockForTests, now } from "../core/clock";
import { queuedEmails } from "@/test/delivery";
import { personWithTicket, signedInAgent, verifiedCaller } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import type { TestPerson } from "@/test/people";
import { LOCKOUT, recordFactorFailure } from "./lockout";
import { verifySecondFactorCode } from "./verify-second-factor";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;
const wrongCode = async (person: TestPerson) => String((Number(await person.code()) + 500_000) % 1_000_000).padStart(6, "0");

async function failures(personId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(factorFailures).where(eq(factorFailures.personId, personId));
  return row!.n;
}

/** 100 second-factor failures today: whoever had the password used up the daily ceiling. */
async function failDailyMaximum(personId: string): Promise<void> {
  const db = await getDb();
  for (let i = 0; i < LOCKOUT.dailyMaximum; i++) {
    await recordFactorFailure(db, { personId, method: "totp", code: "MFA_CODE_INVALID", correlationId: null, clientIp: null, at: now() });
  }
}

/** Password, then the code step; returns the code step's answer. */
async function signInWith(person: TestPerson, code: string) {
  const browser = new Browser();
  await browser.call("signIn.password", { username: person.username, password: person.password });
  return browser.call("signIn.code", { code });
}

describe("the lockout counts before it checks (increment first, decide on the returned count)", () => {
  it("30 wrong codes at once count exactly 10 and lock; the other 20 and the right code afterwards are refused unchecked", async () => {
    const { person } = await personWithTicket();
    const db = await getDb();
    const wrong = await wrongCode(person);
    const at = now();
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => verifySecondFactorCode(db, { personId: person.id, code: wrong, at, correlationId: null, clientIp: null })));
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    expect(await failures(person.id)).toBe(LOCKOUT.failuresBeforeLock);
    const unchecked = outcomes.filter((o) => !o.ok && o.detail.counted === false);
    expect(unchecked).toHaveLength(30 - LOCKOUT.failuresBeforeLock);
    expect(unchecked.every((o) => !o.ok && o.code === "ACCOUNT_LOCKED")).toBe(true);

    const [lock] = await db.select().from(factorLockouts).where(eq(factorLockouts.personId, person.id));
    expect(lock!.lockedUntil!.getTime()).toBe(at.getTime() + LOCKOUT.lockSeconds * 1000);
    // Locked once: one audit row, one notice.
    const locked = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "lockout.locked")));
    expect(locked).toHaveLength(1);
    const notices = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.personId, person.id), eq(outboxMessages.template, "lockout_locked")));
    expect(notices).toHaveLength(1);

    // An 11th try, even with the right code, is not checked while locked, and not counted.
    const right = await verifySecondFactorCode(db, { personId: person.id, code: await person.code(), at: now(), correlationId: null, clientIp: null });
    expect(right).toMatchObject({ ok: false, code: "ACCOUNT_LOCKED", detail: { counted: false } });
    expect(await failures(person.id)).toBe(LOCKOUT.failuresBeforeLock);
  });
});

describe("the 100-a-day lock is lifted by the helpdesk's unlock", () => {
  it("after 100 failures today, caller verification plus unlock lets the person sign in the same day (audited)", async () => {
    const { person, mobile, reference } = await personWithTicket();
    await failDailyMaximum(person.id);
    const refused = await signInWith(person, await person.code());
    expect(appCode(refused)).toBe("ACCOUNT_LOCKED");
    expect(Number((refused.body.error!.data.params as { minutes: number }).minutes)).toBeGreaterThan(LOCKOUT.lockSeconds / 60);

    const { browser: desk } = await signedInAgent();
    const verificationId = await verifiedCaller(desk, reference, mobile);
    expect((await desk.call("helpdesk.reset", { reference, action: "unlock", verificationId })).status).toBe(200);

    // The same day, with the 100 failures still on record: the right code signs in (the next one:
    // the code the person signed in with before is used up).
    expect(await failures(person.id)).toBe(LOCKOUT.dailyMaximum);
    moveClockForTests(30_000);
    const signedIn = await signInWith(person, await person.code());
    expect({ status: signedIn.status, code: appCode(signedIn) }).toEqual({ status: 200, code: undefined });
    const db = await getDb();
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "helpdesk.unlocked")));
    expect(audit).toEqual([expect.objectContaining({ outcome: "success", detail: expect.objectContaining({ dailyWindowCleared: true, lockLifted: true }) })]);
    // Failures after the unlock count again from zero: 10 in a row still lock.
    for (let i = 0; i < LOCKOUT.failuresBeforeLock - 1; i++) expect(appCode(await signInWith(person, await wrongCode(person)))).toBe("MFA_CODE_INVALID");
    expect(appCode(await signInWith(person, await wrongCode(person)))).toBe("ACCOUNT_LOCKED");
  });

  it("a pass is never issued into a lock that outlives it: issuing it lifts the lock, and the pass works the same day", async () => {
    const { person, mobile, reference } = await personWithTicket();
    await failDailyMaximum(person.id);
    const { browser: desk } = await signedInAgent();
    const verificationId = await verifiedCaller(desk, reference, mobile);
    expect((await desk.call("helpdesk.reset", { reference, action: "issue_access_pass", verificationId })).status).toBe(200);
    const db = await getDb();
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "helpdesk.access_pass_issued")));
    expect(audit).toEqual([expect.objectContaining({ outcome: "success", detail: expect.objectContaining({ lockLifted: true, dailyWindowCleared: true }) })]);

    const [mail] = await queuedEmails({ personId: person.id, template: "access_pass_issued" });
    const pass = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})/.exec(mail!.body)![1]!;
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    await browser.call("signIn.usePass", {});
    expect((await browser.call("signIn.pass", { pass })).body.result!.data).toEqual({ status: "register" });
  });
});
