import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaMethods, outboxMessages, phoneNumbers, simulatedInbox } from "@/db/schema";
import { moveClockForTests, now } from "../core/clock";
import type { AppError } from "../core/errors";
import { verificationTargets } from "../helpdesk/caller-verification";
import { readBucket } from "../rate-limit/buckets";
import { completeSignIn } from "../verification/complete-sign-in";
import { reserveSend, SEND_LIMITS } from "../verification/methods/phone/send-limits";
import { factorStepState } from "../verification/sign-in-factor";
import { codeIn, newestText, personWithTicket, signedInAgent, verifiedCaller } from "@/test/helpdesk";
import { queuedEmails } from "@/test/delivery";
import { Browser } from "@/test/http";
import { createTestPerson, type TestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";

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
    const before = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string; labelKey: string }>;
    const old = before.find((m) => m.labelKey === "mobile")!;
    const national = freshNational();
    const started = await browser.call("methods.beginPhone", { number: national, role: "mobile" });
    const { methodId } = started.body.result!.data as { methodId: string };
    const done = await browser.call("methods.confirmPhone", { methodId, code: await textedCode(`+31${national.slice(1)}`), replaces: old.id });
    expect(done.status).toBe(200);
    const after = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string }>;
    expect(after.map((m) => m.id)).toContain(methodId);
    expect(after.map((m) => m.id)).not.toContain(old.id);
    const db = await getDb();
    const actions = (await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id))).map((a) => a.action);
    expect(actions.sort()).toEqual(["method.added", "method.removed"]);
    // One notice names both numbers, masked (the person's language is Dutch by default).
    const emails = await queuedEmails({ personId: person.id });
    expect(emails.map((e) => e.subject)).toEqual(["Je telefoonnummer is gewijzigd"]);
    const oldMasked = before.find((m) => m.id === old.id) as unknown as { detail: string };
    const newMasked = (after as Array<{ id: string; detail: string }>).find((m) => m.id === methodId)!.detail;
    expect(emails[0]!.body).toContain(`Je mobiele telefoon ${oldMasked.detail} is vervangen door je mobiele telefoon ${newMasked}.`);
  });
});

describe("registration codes cannot use up another person's phone budget", () => {
  const registerAs = (browser: Browser, number: string) => browser.call("methods.beginPhone", { number, role: "mobile" });

  async function annaCanStillSignInAndBeVerified(anna: { person: TestPerson; mobile: string; reference: string }) {
    // A code by text signs her in.
    const texting = new Browser();
    await texting.call("signIn.password", { username: anna.person.username, password: anna.person.password });
    const options = (await factorStepState(texting.requestInfo())).options;
    const sms = options.find((o) => o.channel === "sms")!;
    expect((await texting.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);
    expect((await texting.call("signIn.code", { code: codeIn(await newestText(anna.mobile)) })).status).toBe(200);
    // A call is placed and rings.
    const calling = new Browser();
    await calling.call("signIn.password", { username: anna.person.username, password: anna.person.password });
    const voice = (await factorStepState(calling.requestInfo())).options.find((o) => o.channel === "voice")!;
    const called = await calling.call("signIn.chooseMethod", { methodId: voice.methodId, channel: "voice" });
    expect(called.status).toBe(200);
    expect((await calling.call("signIn.awaitedStatus", {})).body.result!.data).toEqual({ status: "waiting", state: "ringing" });
    // The helpdesk's verification code reaches her, and she can read it back.
    const { browser: desk } = await signedInAgent();
    await verifiedCaller(desk, anna.reference, anna.mobile);
  }

  it("registering anna's number twelve times from another account leaves her text and call sign-in and the helpdesk's code working", async () => {
    const anna = await personWithTicket();
    const attacker = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(attacker);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await registerAs(browser, anna.mobile);
      statuses.push(response.status);
      if (response.status !== 200) expect(appCode(response)).toBe("MFA_THROTTLED");
    }
    // Three registration codes a day per account; the rest refused before anything is sent.
    expect(statuses).toEqual([200, 200, 200, ...Array(9).fill(429)]);
    const db = await getDb();
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.recipient, anna.mobile))).toHaveLength(3);
    await annaCanStillSignInAndBeVerified(anna);
  });

  it("many accounts together stop at the number's own registration cap, and never touch the sign-in caps", async () => {
    const anna = await personWithTicket();
    const db = await getDb();
    const signInBuckets = ["send:global", "send:country:NL", `send:number:${anna.mobile}`, `send:person:${anna.person.id}`];
    const before = await Promise.all(signInBuckets.map((key) => readBucket(db, key, now())));
    let sent = 0;
    for (let account = 0; account < 4; account++) {
      const browser = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
      for (let i = 0; i < 3; i++) if ((await registerAs(browser, anna.mobile)).status === 200) sent++;
    }
    expect(sent).toBe(SEND_LIMITS.registration.perNumber.max);
    expect(await Promise.all(signInBuckets.map((key) => readBucket(db, key, now())))).toEqual(before);
    await annaCanStillSignInAndBeVerified(anna);
  });

  it("the person's own sign-in codes do not use up registrations either: a new number still gets its code", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: `+31${freshNational().slice(1)}` });
    const signingIn = new Browser();
    await signingIn.call("signIn.password", { username: person.username, password: person.password });
    const sms = (await factorStepState(signingIn.requestInfo())).options.find((o) => o.channel === "sms")!;
    for (let i = 0; i < 5; i++) expect((await signingIn.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);
    expect(appCode(await signingIn.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" }))).toBe("MFA_THROTTLED");
    const browser = await signedInWithCode(person);
    expect((await registerAs(browser, freshNational())).status).toBe(200);
  });

  it("an account's fourth registration code in a day is refused with nothing sent; the next day it works", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    for (let i = 0; i < 3; i++) expect((await registerAs(browser, freshNational())).status).toBe(200);
    const national = freshNational();
    const fourth = await registerAs(browser, national);
    expect(fourth.status).toBe(429);
    expect(appCode(fourth)).toBe("MFA_THROTTLED");
    expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(23 * 3600);
    const db = await getDb();
    expect(
      await db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.recipient, `+31${national.slice(1)}`)),
    ).toEqual([]);
    moveClockForTests(24 * 3600_000 + 1000);
    expect((await registerAs(await signedInWithCode(person), national)).status).toBe(200);
  });
});

describe("only numbers we may text are registered (toll fraud)", () => {
  const refusedForTexts = {
    "premium rate (UK)": "+44 909 123 4567",
    "premium rate (NL)": "+31 900 123 456",
    "premium rate (FR)": "+33 8 99 12 34 56",
    "shared cost": "+33 8 10 12 34 56",
    UAN: "+44 55 1234 5678",
    personal: "+44 70 1234 5678",
    pager: "+44 76 4012 3456",
    "a fixed line (codes go by text)": "+31 20 123 4567",
  };

  it("at sign-in: refused with PHONE_NUMBER_TYPE_NOT_ALLOWED, a message that says which numbers work, and nothing sent", async () => {
    const person = await createTestPerson({ policy: "strict" });
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    const db = await getDb();
    for (const [kind, number] of Object.entries(refusedForTexts)) {
      const refused = await browser.call("signIn.beginPhoneRegistration", { number }, { headers: { "x-tweestap-locale": "en" } });
      expect([kind, refused.status, appCode(refused)]).toEqual([kind, 400, "PHONE_NUMBER_TYPE_NOT_ALLOWED"]);
      expect(refused.body.error!.message).toMatch(/mobile numbers/);
    }
    const dutch = await browser.call("signIn.beginPhoneRegistration", { number: "+31 900 123 456" }, { headers: { "x-tweestap-locale": "nl" } });
    expect(dutch.body.error!.message).toMatch(/mobiele nummers/);
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.personId, person.id))).toEqual([]);
    expect(await db.select().from(mfaMethods).where(eq(mfaMethods.personId, person.id))).toEqual([]);
    // A mobile is accepted.
    expect((await browser.call("signIn.beginPhoneRegistration", { number: freshNational() })).status).toBe(200);
  });

  it("in security info, for a mobile or an alternate phone (and so for 'change number')", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    for (const role of ["mobile", "alternate"] as const) {
      for (const number of ["+44 909 123 4567", "+31 900 123 456", "+33 8 99 12 34 56", "+44 76 4012 3456"]) {
        expect(appCode(await browser.call("methods.beginPhone", { number, role }))).toBe("PHONE_NUMBER_TYPE_NOT_ALLOWED");
      }
    }
    expect((await browser.call("methods.beginPhone", { number: "+33 6 12 34 56 78", role: "alternate" })).status).toBe(200);
  });

  it("a premium-rate number stored before the rule is never texted or called", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: `+31${freshNational().slice(1)}` });
    const db = await getDb();
    const [phone] = await db
      .select({ methodId: mfaMethods.id })
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "phone")));
    await db.update(phoneNumbers).set({ e164: "+449091234567", country: "GB" }).where(eq(phoneNumbers.methodId, phone!.methodId));
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    expect((await factorStepState(browser.requestInfo())).options.map((o) => o.channel)).toEqual(["totp"]);
    expect(await verificationTargets(db, person.id)).toEqual([]);
    expect(await reserveSend(db, { purpose: "sign_in", use: "call", personId: person.id, e164: "+449091234567", country: "GB", at: now() }).catch((e: AppError) => e.code)).toBe(
      "PHONE_NUMBER_TYPE_NOT_ALLOWED",
    );
  });
});
