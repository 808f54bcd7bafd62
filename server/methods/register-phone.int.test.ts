import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { phoneNumbers, simulatedInbox } from "@/db/schema";
import { moveClockForTests } from "../clock";
import { completeSignIn } from "../verification/complete-sign-in";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;
let counter = 0;
const freshNational = () => `06${String(Number(process.env.VITEST_POOL_ID ?? 1) + 20).padStart(2, "0")}${String(++counter).padStart(6, "0")}`;

async function textedCode(e164: string): Promise<string> {
  const db = await getDb();
  const texts = await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, e164)).orderBy(sql`${simulatedInbox.id} desc`);
  return /\b(\d{6})\b/.exec(texts[0]!.body)![1]!;
}

describe("registering a phone number", () => {
  it("a new person registers a mobile phone as the first method at sign-in, verified by a code to it", async () => {
    const person = await createTestPerson({ policy: "strict" });
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    const national = freshNational();
    const started = await browser.call("signIn.beginPhoneRegistration", { number: national });
    expect(started.status).toBe(200);
    const { methodId, display } = started.body.result!.data as { methodId: string; display: string };
    expect(display).toMatch(/^\+31 •• ••• ••\d\d$/);
    const e164 = `+31${national.slice(1)}`;
    const done = await browser.call("signIn.confirmPhoneRegistration", { methodId, code: await textedCode(e164) });
    expect(done.status).toBe(200);
    const step = done.body.result!.data as { attemptId: string; completionToken: string };
    expect(await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo())).not.toBeNull();
    const db = await getDb();
    const [phone] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.methodId, methodId));
    expect(phone).toMatchObject({ e164, role: "mobile" });
    expect(phone!.verifiedAt).not.toBeNull();

    // Next time the phone is a way to sign in.
    const again = new Browser();
    expect((await again.call("signIn.password", { username: person.username, password: person.password })).body.result!.data).toMatchObject({ status: "factor" });
  });

  it("a number from a country the policy does not allow is refused with its code; garbage is refused too", async () => {
    const person = await createTestPerson({ policy: "strict" });
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    const japan = await browser.call("signIn.beginPhoneRegistration", { number: "+81 3 1234 5678" }, { headers: { "x-tweestap-locale": "en" } });
    expect(appCode(japan)).toBe("PHONE_COUNTRY_NOT_ALLOWED");
    expect(japan.body.error!.message).toContain("+81");
    expect(appCode(await browser.call("signIn.beginPhoneRegistration", { number: "0612" }))).toBe("INPUT_INVALID");
    expect(appCode(await browser.call("signIn.beginPhoneRegistration", { number: "0600000000000" }))).toBe("PHONE_NUMBER_INVALID");
  });

  it("a wrong or expired code does not verify the number", async () => {
    const person = await createTestPerson({ policy: "strict" });
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    const national = freshNational();
    const { methodId } = (await browser.call("signIn.beginPhoneRegistration", { number: national })).body.result!.data as { methodId: string };
    const code = await textedCode(`+31${national.slice(1)}`);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(appCode(await browser.call("signIn.confirmPhoneRegistration", { methodId, code: wrong }))).toBe("MFA_CODE_INVALID");
    moveClockForTests(181_000);
    expect(appCode(await browser.call("signIn.confirmPhoneRegistration", { methodId, code }))).toBe("MFA_CODE_EXPIRED");
  });
});

describe("changing a phone number", () => {
  it("the new number, once its code is confirmed, replaces the old one; both changes are audited", async () => {
    const { signedInWithCode } = await import("@/test/sign-in");
    const { auditEvents } = await import("@/db/schema");
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: `+31${freshNational().slice(1)}` });
    const browser = await signedInWithCode(person);
    const before = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string; phone: { role: string } | null }>;
    const old = before.find((m) => m.phone)!;
    const national = freshNational();
    const started = await browser.call("methods.beginPhone", { number: national, role: "mobile" });
    const { methodId } = started.body.result!.data as { methodId: string };
    const done = await browser.call("methods.confirmPhone", { methodId, code: await textedCode(`+31${national.slice(1)}`), replaces: old.id });
    expect(done.status).toBe(200);
    const after = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string; phone: unknown }>;
    expect(after.map((m) => m.id)).toContain(methodId);
    expect(after.map((m) => m.id)).not.toContain(old.id);
    const db = await getDb();
    const actions = (await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id))).map((a) => a.action);
    expect(actions.sort()).toEqual(["method.added", "method.removed"]);
  });
});
