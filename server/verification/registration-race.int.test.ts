/**
 * Issue 10, item 12: two browsers that both passed the password step of a person without a method
 * reach forced registration; once one of them has enrolled a first method, the other cannot enrol
 * its own (an attacker with a phished password would otherwise keep a second method).
 */
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaMethods, signInAttempts, signInEvents, simulatedInbox } from "@/db/schema";
import { base32Decode } from "../crypto/base32";
import { now } from "../core/clock";
import { totpCodeAt } from "./methods/totp/verify-totp-code";
import { Browser } from "@/test/http";
import { createTestPerson, type TestPerson } from "@/test/people";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

async function atRegistration(person: TestPerson): Promise<{ browser: Browser; correlationId: string }> {
  const browser = new Browser();
  const step = await browser.call("signIn.password", { username: person.username, password: person.password });
  const data = step.body.result!.data as { status: string; correlationId: string };
  expect(data.status).toBe("register");
  return { browser, correlationId: data.correlationId };
}

/** Begins an authenticator registration and returns what confirms it (a correct first code). */
async function beginApp(browser: Browser): Promise<{ methodId: string; code: string }> {
  const setup = (await browser.call("signIn.beginRegistration", {})).body.result!.data as { methodId: string; manualKey: string };
  const code = await totpCodeAt({ secret: base32Decode(setup.manualKey)!, algorithm: "sha1", digits: 6, period: 30 }, now());
  return { methodId: setup.methodId, code };
}

let counter = 0;
const freshNational = () => `06${String(Number(process.env.VITEST_POOL_ID ?? 1) + 40).padStart(2, "0")}${String(++counter).padStart(6, "0")}`;

/** Begins a phone registration and returns what confirms it (the code texted to that number). */
async function beginPhone(browser: Browser): Promise<{ methodId: string; code: string }> {
  const national = freshNational();
  const started = await browser.call("signIn.beginPhoneRegistration", { number: national });
  expect(started.status).toBe(200);
  const { methodId } = started.body.result!.data as { methodId: string };
  const db = await getDb();
  const [text] = await db
    .select()
    .from(simulatedInbox)
    .where(eq(simulatedInbox.recipient, `+31${national.slice(1)}`))
    .orderBy(sql`${simulatedInbox.id} desc`)
    .limit(1);
  return { methodId, code: /\b(\d{6})\b/.exec(text!.body)![1]! };
}

async function confirmedMethods(personId: string) {
  const db = await getDb();
  return db
    .select()
    .from(mfaMethods)
    .where(and(eq(mfaMethods.personId, personId), isNotNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)));
}

async function attemptState(correlationId: string) {
  const db = await getDb();
  const [row] = await db.select({ id: signInAttempts.id, state: signInAttempts.state }).from(signInAttempts).where(eq(signInAttempts.correlationId, correlationId));
  return row!;
}

describe("the first-method registration race", () => {
  for (const [label, beginB, confirmB] of [
    ["an authenticator app", beginApp, "signIn.confirmRegistration"],
    ["a phone", beginPhone, "signIn.confirmPhoneRegistration"],
  ] as const) {
    it(`browser A enrols an app; browser B's ${label}, begun with the password alone, is refused and its attempt is ended`, async () => {
      const person = await createTestPerson({ policy: "strict" });
      const a = await atRegistration(person);
      const b = await atRegistration(person);
      const mine = await beginApp(a.browser);
      const theirs = await beginB(b.browser);

      const done = await a.browser.call("signIn.confirmRegistration", { methodId: mine.methodId, code: mine.code });
      expect(done.status).toBe(200);
      expect(await attemptState(b.correlationId)).toMatchObject({ state: "blocked" });

      const refused = await b.browser.call(confirmB, { methodId: theirs.methodId, code: theirs.code });
      expect(refused.status).toBe(403);
      expect(appCode(refused)).toBe("MFA_REGISTRATION_NOT_ALLOWED");
      // B cannot start over on that attempt either.
      expect(appCode(await b.browser.call("signIn.beginRegistration", {}))).toBe("MFA_REGISTRATION_NOT_ALLOWED");
      expect(appCode(await b.browser.call("signIn.beginPhoneRegistration", { number: freshNational() }))).toBe("MFA_REGISTRATION_NOT_ALLOWED");

      expect((await confirmedMethods(person.id)).map((m) => m.id)).toEqual([mine.methodId]);
      const db = await getDb();
      const [begun] = await db.select().from(mfaMethods).where(eq(mfaMethods.id, theirs.methodId));
      expect(begun!.removedAt).not.toBeNull();
      // A new password-only attempt goes to the second factor, never to registration.
      const again = await new Browser().call("signIn.password", { username: person.username, password: person.password });
      expect(again.body.result!.data).toMatchObject({ status: "factor" });
    });
  }

  it("the rule is checked again when confirming: an attempt still open after the first method was enrolled is refused and ended", async () => {
    const person = await createTestPerson({ policy: "strict" });
    const a = await atRegistration(person);
    const b = await atRegistration(person);
    const mine = await beginApp(a.browser);
    const theirs = await beginApp(b.browser);
    expect((await a.browser.call("signIn.confirmRegistration", mine)).status).toBe(200);
    // As if B's attempt had not been ended (say, it was made after the other attempts were ended).
    const db = await getDb();
    const { id } = await attemptState(b.correlationId);
    await db.update(signInAttempts).set({ state: "registration_required" }).where(eq(signInAttempts.id, id));
    await db.update(mfaMethods).set({ removedAt: null }).where(eq(mfaMethods.id, theirs.methodId));

    const refused = await b.browser.call("signIn.confirmRegistration", theirs);
    expect(appCode(refused)).toBe("MFA_REGISTRATION_NOT_ALLOWED");
    expect(await attemptState(b.correlationId)).toMatchObject({ state: "blocked" });
    expect(await confirmedMethods(person.id)).toHaveLength(1);
    const events = await db.select().from(signInEvents).where(eq(signInEvents.correlationId, b.correlationId));
    expect(events.at(-1)).toMatchObject({ step: "registration", result: "failure", code: "MFA_REGISTRATION_NOT_ALLOWED" });
  });

  it("five browsers confirming their own first method at the same moment: exactly one enrols, the others are refused", async () => {
    const person = await createTestPerson({ policy: "strict" });
    const browsers = await Promise.all(Array.from({ length: 5 }, () => atRegistration(person)));
    const setups = await Promise.all(browsers.map((b, i) => (i % 2 === 0 ? beginApp(b.browser) : beginPhone(b.browser))));
    const results = await Promise.all(browsers.map((b, i) => b.browser.call(i % 2 === 0 ? "signIn.confirmRegistration" : "signIn.confirmPhoneRegistration", setups[i]!)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).map(appCode)).toEqual(Array(4).fill("MFA_REGISTRATION_NOT_ALLOWED"));
    expect(await confirmedMethods(person.id)).toHaveLength(1);
    const states = await Promise.all(browsers.map((b) => attemptState(b.correlationId)));
    expect(states.map((s) => s.state).sort()).toEqual(["blocked", "blocked", "blocked", "blocked", "completed"]);
  });
});
