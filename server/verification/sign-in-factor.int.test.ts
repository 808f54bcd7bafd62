import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, factorFailures, mfaMethods, sessions, signInAttempts, signInEvents } from "@/db/schema";
import { base32Decode } from "../crypto/base32";
import { moveClockForTests, now } from "../core/clock";
import { completeSignIn } from "./complete-sign-in";
import { totpCodeAt } from "./methods/totp/verify-totp-code";
import { Browser } from "@/test/http";
import { createTestPerson, type TestPerson } from "@/test/people";

async function passwordStep(person: TestPerson, browser = new Browser()) {
  const r = await browser.call("signIn.password", { username: person.username, password: person.password });
  return { browser, body: r.body.result?.data as { status: string; correlationId: string }, response: r };
}

async function codeStep(browser: Browser, code: string, locale: "en" | "nl" = "en") {
  return browser.call("signIn.code", { code }, { headers: { "x-tweestap-locale": locale } });
}

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

describe("signing in with an authenticator code", () => {
  it("password, then the current code, then a session whose second factor is fresh", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const { browser, body } = await passwordStep(person);
    expect(body.status).toBe("factor");
    const done = await codeStep(browser, await person.code());
    expect(done.status).toBe(200);
    const step = done.body.result!.data as { attemptId: string; completionToken: string };
    const signedIn = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo());
    const db = await getDb();
    const [session] = await db.select().from(sessions).where(eq(sessions.id, signedIn!.sessionId));
    expect(session!.factorVerifiedAt).not.toBeNull();
  });

  it("the same code from another browser is refused as replayed", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const code = await person.code();
    const first = await passwordStep(person);
    expect((await codeStep(first.browser, code)).status).toBe(200);
    const second = await passwordStep(person);
    const replay = await codeStep(second.browser, code);
    expect(appCode(replay)).toBe("MFA_CODE_REPLAYED");
  });

  it("20 concurrent submissions of one valid code give exactly one success", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browsers = await Promise.all(Array.from({ length: 20 }, async () => (await passwordStep(person)).browser));
    const code = await person.code();
    const results = await Promise.all(browsers.map((b) => codeStep(b, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => ["MFA_CODE_REPLAYED", "ACCOUNT_LOCKED"].includes(appCode(r) as string))).toBe(true);
  });

  it("a code from a phone 3 minutes behind: MFA_CLOCK_DRIFT, 'about 3 minutes behind', offset in the event", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const { browser, body } = await passwordStep(person);
    const behind = await codeStep(browser, await person.code(new Date(now().getTime() - 180_000)));
    expect(appCode(behind)).toBe("MFA_CLOCK_DRIFT");
    expect(behind.body.error!.message).toContain("about 3 minutes behind");
    const ahead = await codeStep(browser, await person.code(new Date(now().getTime() + 120_000)), "nl");
    expect(appCode(ahead)).toBe("MFA_CLOCK_DRIFT");
    expect(ahead.body.error!.message).toContain("ongeveer 2 minuten voor");
    const db = await getDb();
    const events = await db.select().from(signInEvents).where(eq(signInEvents.correlationId, body.correlationId)).orderBy(signInEvents.id);
    expect(events.filter((e) => e.code === "MFA_CLOCK_DRIFT").map((e) => e.detail?.clockOffsetSeconds)).toEqual([-180, 120]);
    // Never accepted: the right code still works afterwards.
    expect((await codeStep(browser, await person.code())).status).toBe(200);
  });

  it("malformed codes get MFA_CODE_MALFORMED, never a 500, and never count toward the lockout; spaces are forgiven", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const { browser } = await passwordStep(person);
    // Twelve malformed codes: more than the ten failures that lock, and the account is not locked.
    for (const code of ["12345", "12a456", "1234567", "12 34", "12345", "12a456", "1234567", "abcdef", "12345", "12a456", "1234567", "۱۲۳"]) {
      expect(appCode(await codeStep(browser, code))).toBe("MFA_CODE_MALFORMED");
    }
    const db = await getDb();
    const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(factorFailures).where(eq(factorFailures.personId, person.id));
    expect(counted!.n).toBe(0);
    const code = await person.code();
    expect((await codeStep(browser, `${code.slice(0, 3)} ${code.slice(3)}`)).status).toBe(200);
  });

  it("a code typed in full-width or Arabic-Indic digits is the same code", async () => {
    const toDigits = (code: string, zero: number) => [...code].map((d) => String.fromCodePoint(zero + Number(d))).join("");
    for (const zero of [0xff10, 0x0660, 0x06f0]) {
      const person = await createTestPerson({ policy: "strict", authenticator: true });
      const { browser } = await passwordStep(person);
      expect((await codeStep(browser, toDigits(await person.code(), zero))).status).toBe(200);
    }
  });

  it("without the attempt cookie there is nothing to verify", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    await passwordStep(person);
    expect(appCode(await codeStep(new Browser(), await person.code()))).toBe("SIGN_IN_ATTEMPT_EXPIRED");
  });
});

describe("second-factor lockout", () => {
  const wrongCode = async (person: TestPerson) => String((Number(await person.code()) + 500_000) % 1_000_000).padStart(6, "0");

  it("10 wrong codes lock 15 minutes for every browser; a new attempt does not reset the count", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const first = await passwordStep(person);
    for (let i = 0; i < 5; i++) expect(appCode(await codeStep(first.browser, await wrongCode(person)))).toBe("MFA_CODE_INVALID");
    const second = await passwordStep(person);
    for (let i = 0; i < 4; i++) expect(appCode(await codeStep(second.browser, await wrongCode(person)))).toBe("MFA_CODE_INVALID");
    const tenth = await codeStep(second.browser, await wrongCode(person));
    expect(appCode(tenth)).toBe("ACCOUNT_LOCKED");
    expect(tenth.body.error!.data.params).toMatchObject({ minutes: 15 });

    // The lock ended the pending attempts, and applies to a fresh browser, even with the right code.
    expect(appCode(await codeStep(first.browser, await person.code()))).toBe("SIGN_IN_ATTEMPT_EXPIRED");
    const third = await passwordStep(person);
    expect(appCode(await codeStep(third.browser, await person.code()))).toBe("ACCOUNT_LOCKED");

    const db = await getDb();
    const notices = await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id));
    expect(notices.map((n) => n.action)).toEqual(["lockout.locked"]);

    moveClockForTests(15 * 60_000 + 1000);
    const later = await passwordStep(person);
    expect((await codeStep(later.browser, await person.code())).status).toBe(200);
  });

  it("at most 100 failures in 24 hours, even across unlocks", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    for (let round = 0; round < 10; round++) {
      const { browser } = await passwordStep(person);
      for (let i = 0; i < 10; i++) await codeStep(browser, await wrongCode(person));
      moveClockForTests(15 * 60_000 + 1000);
    }
    // 100 failures within 2.5 hours: after the 15-minute lock the account stays locked for the day.
    const { browser } = await passwordStep(person);
    const refused = await codeStep(browser, await person.code());
    expect(appCode(refused)).toBe("ACCOUNT_LOCKED");
    const db = await getDb();
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(sql`factor_failures`).where(sql`person_id = ${person.id}`);
    expect(count!.n).toBe(100);
    moveClockForTests(24 * 60 * 60_000);
    const tomorrow = await passwordStep(person);
    expect((await codeStep(tomorrow.browser, await person.code())).status).toBe(200);
  });
});

describe("forced registration", () => {
  it("a person without a method registers during sign-in and lands signed in; the confirmation code is used up", async () => {
    const person = await createTestPerson({ policy: "strict" });
    const { browser, body } = await passwordStep(person);
    expect(body.status).toBe("register");
    const setup = (await browser.call("signIn.beginRegistration", {})).body.result!.data as { methodId: string; manualKey: string; otpauthUri: string; qrDataUrl: string };
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\/Test%20strict:/);
    expect(setup.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const seed = base32Decode(setup.manualKey)!;
    const code = await totpCodeAt({ secret: seed, algorithm: "sha1", digits: 6, period: 30 }, now());
    const done = await browser.call("signIn.confirmRegistration", { methodId: setup.methodId, code });
    expect(done.status).toBe(200);
    const step = done.body.result!.data as { attemptId: string; completionToken: string };
    expect(await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo())).not.toBeNull();

    const again = await passwordStep(person);
    expect(again.body.status).toBe("factor");
    expect(appCode(await codeStep(again.browser, code))).toBe("MFA_CODE_REPLAYED");
  });

  it("someone who already had a method, or is past the onboarding window, cannot enrol with the password alone", async () => {
    const hadOne = await createTestPerson({ policy: "strict", authenticator: true });
    const db = await getDb();
    await db.update(mfaMethods).set({ removedAt: now() }).where(eq(mfaMethods.personId, hadOne.id));
    expect(appCode((await passwordStep(hadOne)).response)).toBe("MFA_REGISTRATION_NOT_ALLOWED");

    const late = await createTestPerson({ policy: "strict", createdAt: new Date(now().getTime() - 15 * 86_400_000) });
    expect(appCode((await passwordStep(late)).response)).toBe("MFA_REGISTRATION_NOT_ALLOWED");
    const [attempt] = await db.select().from(signInAttempts).where(eq(signInAttempts.personId, late.id));
    expect(attempt!.state).toBe("blocked");
  });
});
