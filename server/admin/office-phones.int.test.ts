import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { moveClockForTests } from "../core/clock";
import { factorStepState } from "../verification/sign-in-factor";
import { queuedEmails } from "@/test/delivery";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

describe("office phones", () => {
  it("an administrator sets one (audited, the person told); it is a call-only way to sign in the person cannot remove", async () => {
    const admin = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const adminBrowser = await signedInWithCode(admin);
    const set = await adminBrowser.call("admin.setOfficePhone", { personId: person.id, number: "+31 20 123 4567", extension: "421" });
    expect(set.status).toBe(200);

    const db = await getDb();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id));
    expect(audit).toEqual([expect.objectContaining({ action: "admin.office_phone_set", actorKind: "staff", actorPersonId: admin.id })]);
    // The person is told which phone was added: the office phone, masked, with its extension.
    const [notice] = await queuedEmails({ personId: person.id, template: "method_added" });
    expect(notice!.body).toMatch(/^(Je kantoortelefoon|Your office phone) \+31 •• ••• ••67 \(421\) (is aan je account toegevoegd|was added to your account)\./);

    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    const options = (await factorStepState(browser.requestInfo())).options;
    expect(options.map((o) => [o.channel, o.display])).toEqual([
      ["totp", null],
      ["voice", "+31 •• ••• ••67 (421)"],
    ]);

    const personBrowser = await signedInWithCode(person);
    const office = ((await personBrowser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string; labelKey: string }>).find(
      (m) => m.labelKey === "office",
    )!;
    expect(appCode(await personBrowser.call("methods.remove", { methodId: office.id }))).toBe("MFA_METHOD_MANAGED");
  });

  it("only administrators, with a fresh second factor", async () => {
    const agent = await createTestPerson({ policy: "strict", authenticator: true, role: "agent" });
    const admin = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const agentBrowser = await signedInWithCode(agent);
    expect(appCode(await agentBrowser.call("admin.setOfficePhone", { personId: person.id, number: "+31201234567", extension: "" }))).toBe("ACCESS_DENIED");
    const adminBrowser = await signedInWithCode(admin);
    moveClockForTests(11 * 60_000);
    expect(appCode(await adminBrowser.call("admin.setOfficePhone", { personId: person.id, number: "+31201234567", extension: "" }))).toBe("MFA_FRESH_FACTOR_REQUIRED");
    // The factor is checked before the input (adminProcedure): a stale session learns nothing more.
    expect(appCode(await adminBrowser.call("admin.setOfficePhone", { personId: person.id, number: "+31201234567", extension: "12a" }))).toBe("MFA_FRESH_FACTOR_REQUIRED");
    expect((await adminBrowser.call("methods.confirmIdentity", { code: await admin.code() })).status).toBe(200);
    expect(appCode(await adminBrowser.call("admin.setOfficePhone", { personId: person.id, number: "+31201234567", extension: "12a" }))).toBe("INPUT_INVALID");
  });
});

describe("office phones take calls: mobiles and fixed lines, never service numbers", () => {
  it("premium-rate, shared-cost, UAN, personal and pager numbers are refused with PHONE_NUMBER_TYPE_NOT_ALLOWED; a mobile or fixed line is set", async () => {
    const admin = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const adminBrowser = await signedInWithCode(admin);
    for (const number of ["+44 909 123 4567", "+31 900 123 456", "+33 8 99 12 34 56", "+49 180 1234 5678", "+44 55 1234 5678", "+44 70 1234 5678", "+44 76 4012 3456"]) {
      const refused = await adminBrowser.call("admin.setOfficePhone", { personId: person.id, number, extension: "" }, { headers: { "x-tweestap-locale": "en" } });
      expect([number, refused.status, appCode(refused)]).toEqual([number, 400, "PHONE_NUMBER_TYPE_NOT_ALLOWED"]);
      expect(refused.body.error!.message).toMatch(/landline/);
    }
    const db = await getDb();
    expect(await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id))).toEqual([]);
    expect((await adminBrowser.call("admin.setOfficePhone", { personId: person.id, number: "+33 1 42 68 53 00", extension: "" })).status).toBe(200);
    expect((await adminBrowser.call("admin.setOfficePhone", { personId: person.id, number: "+31 6 12345678", extension: "" })).status).toBe(200);
  });
});

describe("office phones and 'change number'", () => {
  it("the person cannot retire the office phone by 'changing' it to another number", async () => {
    const { simulatedInbox } = await import("@/db/schema");
    const { getDb } = await import("@/db/client");
    const { sql } = await import("drizzle-orm");
    const admin = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    await (await signedInWithCode(admin)).call("admin.setOfficePhone", { personId: person.id, number: "+31 20 765 4321", extension: "" });
    const browser = await signedInWithCode(person);
    const office = ((await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string; labelKey: string }>).find(
      (m) => m.labelKey === "office",
    )!;
    const started = await browser.call("methods.beginPhone", { number: "0634567812", role: "mobile" });
    expect(started.body.error?.data).toBeUndefined();
    const { methodId } = started.body.result!.data as { methodId: string };
    const db = await getDb();
    const [text] = await db.select().from(simulatedInbox).where(sql`${simulatedInbox.recipient} = '+31634567812'`).orderBy(sql`${simulatedInbox.id} desc`);
    const code = /\b(\d{6})\b/.exec(text!.body)![1]!;
    const replaced = await browser.call("methods.confirmPhone", { methodId, code, replaces: office.id });
    expect(appCode(replaced)).toBe("MFA_METHOD_MANAGED");
    const after = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string }>;
    expect(after.map((m) => m.id)).toContain(office.id);
    expect(after.map((m) => m.id)).not.toContain(methodId); // the whole change rolled back
  });
});
