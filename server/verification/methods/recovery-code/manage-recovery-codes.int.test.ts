import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, mfaMethods } from "@/db/schema";
import { queuedEmails } from "@/test/delivery";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { moveClockForTests, now } from "../../../core/clock";
import { spendRecoveryCode } from "./recovery-codes";

type Result = { status: number; body: { result?: { data: unknown }; error?: { data: Record<string, unknown> } } };
const appCode = (r: Result) => r.body.error?.data.appCode;
const data = <T>(r: Result) => r.body.result!.data as T;

describe("making recovery codes from security info", () => {
  it("shown once, ten of them; a new set replaces the old one at once; audited and notified", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    expect(data(await browser.call("methods.recoveryCodes", {}, { method: "GET" }))).toMatchObject({ remaining: null, allowed: true });

    const first = data<{ codes: string[] }>(await browser.call("methods.generateRecoveryCodes", {}));
    expect(first.codes).toHaveLength(10);
    expect(data(await browser.call("methods.recoveryCodes", {}, { method: "GET" }))).toMatchObject({ remaining: 10 });
    const second = data<{ codes: string[] }>(await browser.call("methods.generateRecoveryCodes", {}));
    expect(second.codes.some((c) => first.codes.includes(c))).toBe(false);

    const db = await getDb();
    expect(await spendRecoveryCode(db, { personId: person.id, typed: first.codes[0]!, at: now() })).toEqual({ kind: "wrong" });
    expect(await spendRecoveryCode(db, { personId: person.id, typed: second.codes[0]!, at: now() })).toMatchObject({ kind: "match", remaining: 9 });
    const sets = await db
      .select()
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "recovery_code")));
    expect(sets.filter((s) => s.removedAt === null)).toHaveLength(1);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "method.recovery_codes_generated")));
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(second.codes[0]!);
    const notices = await queuedEmails({ personId: person.id, template: "recovery_codes_generated" });
    expect(notices).toHaveLength(2);
    expect(JSON.stringify(notices)).not.toContain(second.codes[0]!);
  });

  it("needs a fresh second factor: a session whose factor is older than 10 minutes is refused and nothing changes", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    moveClockForTests(11 * 60_000);
    expect(appCode(await browser.call("methods.generateRecoveryCodes", {}))).toBe("MFA_FRESH_FACTOR_REQUIRED");
    const db = await getDb();
    expect(
      await db
        .select()
        .from(mfaMethods)
        .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "recovery_code"))),
    ).toEqual([]);
  });

  it("staff sign in with an authenticator only: no recovery codes for them", async () => {
    const agent = await createTestPerson({ policy: "strict", authenticator: true, role: "agent" });
    const browser = await signedInWithCode(agent);
    expect(data(await browser.call("methods.recoveryCodes", {}, { method: "GET" }))).toMatchObject({ allowed: false });
    expect(appCode(await browser.call("methods.generateRecoveryCodes", {}))).toBe("STAFF_AUTHENTICATOR_REQUIRED");
  });
});
