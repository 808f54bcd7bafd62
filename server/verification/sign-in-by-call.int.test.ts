import { and, eq, sql } from "drizzle-orm";
import { drainOutbox } from "@/test/delivery";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, factorFailures, outboxMessages, phoneNumbers, simulatedInbox, voiceCalls } from "@/db/schema";
import { moveClockForTests, now } from "../core/clock";
import { simulatedCallAction } from "../delivery/simulated-inbox";
import { recordFactorFailure } from "./lockout";
import { factorStepState } from "./sign-in-factor";
import { POST as phoneButton } from "@/app/api/phone/calls/[messageId]/route";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";

let counter = 0;
const freshMobile = () => `+316${String(Number(process.env.VITEST_POOL_ID ?? 1) + 50).padStart(2, "0")}${String(++counter).padStart(6, "0")}`;
const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

async function calling() {
  const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: freshMobile() });
  const browser = new Browser();
  await browser.call("signIn.password", { username: person.username, password: person.password });
  const voice = (await factorStepState(browser.requestInfo())).options.find((o) => o.channel === "voice")!;
  const chosen = await browser.call("signIn.chooseMethod", { methodId: voice.methodId, channel: "voice" });
  expect(chosen.body.result!.data).toMatchObject({ channel: "voice", expiresInSeconds: 60 });
  // Number matching: the page gets two digits to show; the call asks for them.
  const matchNumber = (chosen.body.result!.data as { matchNumber: string }).matchNumber;
  expect(matchNumber).toMatch(/^[1-9][0-9]$/);
  await drainOutbox();
  const db = await getDb();
  const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.personId, person.id));
  return { person, browser, call: call!, matchNumber };
}

const poll = (browser: Browser) => browser.call("signIn.awaitedStatus", {});
/** Another two-digit number than the one shown. */
const otherThan = (digits: string) => String(((Number(digits) - 10 + 1) % 90) + 10);

describe("signing in with a call", () => {
  it("answered, the number shown on the page and # completes the step; the page learns it by polling", async () => {
    const { browser, call, matchNumber } = await calling();
    expect((await poll(browser)).body.result!.data).toEqual({ status: "waiting", state: "ringing" });
    await simulatedCallAction(call.messageId, "answer");
    expect((await poll(browser)).body.result!.data).toEqual({ status: "waiting", state: "answered" });
    await simulatedCallAction(call.messageId, "hash", matchNumber);
    const done = await poll(browser);
    expect(done.status).toBe(200);
    expect(done.body.result!.data).toMatchObject({ status: "completed" });
  });

  it("the simulated phone's keypad posts the digits typed before #", async () => {
    const { browser, call, matchNumber } = await calling();
    const press = (fields: Record<string, string>) =>
      phoneButton(
        new Request(`http://localhost/api/phone/calls/${call.messageId}`, { method: "POST", body: new URLSearchParams({ locale: "en", number: call.e164, ...fields }) }),
        {
          params: Promise.resolve({ messageId: call.messageId }),
        },
      );
    expect((await press({ action: "answer" })).status).toBe(303);
    expect((await press({ action: "hash", digits: "4a" })).status).toBe(400);
    expect((await press({ action: "hash", digits: matchNumber })).status).toBe(303);
    expect((await poll(browser)).body.result!.data).toMatchObject({ status: "completed" });
  });

  it("the call never says the number: only the sign-in page knows it; it is stored only as a keyed hash", async () => {
    const { call, matchNumber } = await calling();
    const db = await getDb();
    const [heard] = await db.select().from(simulatedInbox).where(eq(simulatedInbox.messageId, call.messageId));
    expect(heard!.body).toContain("het nummer dat op je scherm staat");
    expect(heard!.body).not.toMatch(/[0-9]/);
    expect(call.matchHash).toMatch(/^h1:/);
    expect(call.matchHash).not.toContain(matchNumber);
  });

  it("# alone (the old habit, or a person who did not expect the call) approves nothing: MFA_CALL_WRONG_NUMBER", async () => {
    const { browser, call, matchNumber } = await calling();
    await simulatedCallAction(call.messageId, "answer");
    await simulatedCallAction(call.messageId, "hash");
    const failed = await poll(browser);
    expect(failed.status).toBe(401);
    expect(appCode(failed)).toBe("MFA_CALL_WRONG_NUMBER");
    // The call is over: the right number afterwards changes nothing.
    await simulatedCallAction(call.messageId, "hash", matchNumber);
    expect(appCode(await poll(browser))).toBe("MFA_CALL_WRONG_NUMBER");
  });

  it("a wrong number fails with MFA_CALL_WRONG_NUMBER and counts toward the lockout, once", async () => {
    const { person, browser, call, matchNumber } = await calling();
    await simulatedCallAction(call.messageId, "answer");
    await simulatedCallAction(call.messageId, "hash", otherThan(matchNumber));
    expect(appCode(await poll(browser))).toBe("MFA_CALL_WRONG_NUMBER");
    expect(appCode(await poll(browser))).toBe("MFA_CALL_WRONG_NUMBER");
    const db = await getDb();
    const counted = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(factorFailures)
      .where(and(eq(factorFailures.personId, person.id), eq(factorFailures.code, "MFA_CALL_WRONG_NUMBER")));
    expect(counted[0]!.n).toBe(1);
    // The right number typed after the call ended does not approve it either.
    await simulatedCallAction(call.messageId, "hash", matchNumber);
    expect(appCode(await poll(browser))).toBe("MFA_CALL_WRONG_NUMBER");
  });

  it("a wrong number counts as the phone reports it, also when the sign-in page never asks again", async () => {
    const { person, call, matchNumber } = await calling();
    await simulatedCallAction(call.messageId, "answer");
    await simulatedCallAction(call.messageId, "hash", otherThan(matchNumber));
    // No poll: a script that started the call and walked away still has the failure counted.
    const db = await getDb();
    const failures = await db.select({ code: factorFailures.code }).from(factorFailures).where(eq(factorFailures.personId, person.id));
    expect(failures.map((f) => f.code)).toEqual(["MFA_CALL_WRONG_NUMBER"]);
  });

  it("a wrong number that is the tenth failure in a row locks two-step verification", async () => {
    const { person, browser, call, matchNumber } = await calling();
    const db = await getDb();
    for (let i = 0; i < 9; i++) {
      await recordFactorFailure(db, { personId: person.id, method: "totp", code: "MFA_CODE_INVALID", correlationId: null, clientIp: null, at: now() });
    }
    await simulatedCallAction(call.messageId, "answer");
    await simulatedCallAction(call.messageId, "hash", `${matchNumber}0`);
    expect(appCode(await poll(browser))).toBe("ACCOUNT_LOCKED");
  });

  it("no answer within 60 s: MFA_CALL_UNANSWERED, counted once", async () => {
    const { person, browser } = await calling();
    moveClockForTests(61_000);
    expect(appCode(await poll(browser))).toBe("MFA_CALL_UNANSWERED");
    expect(appCode(await poll(browser))).toBe("MFA_CALL_UNANSWERED");
    const { sql } = await import("drizzle-orm");
    const db = await getDb();
    const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(sql`factor_failures`).where(sql`person_id = ${person.id}`);
    expect(n!.n).toBe(1);
  });

  it("answered without keys: MFA_CALL_NO_KEYPRESS; a late number and # change nothing", async () => {
    const { browser, call, matchNumber } = await calling();
    await simulatedCallAction(call.messageId, "answer");
    moveClockForTests(31_000);
    expect(appCode(await poll(browser))).toBe("MFA_CALL_NO_KEYPRESS");
    await simulatedCallAction(call.messageId, "hash", matchNumber);
    expect(appCode(await poll(browser))).toBe("MFA_CALL_NO_KEYPRESS");
  });

  it("0# suspends the number, writes an audit row and a notice; the person can still sign in another way", async () => {
    const { person, browser, call } = await calling();
    await simulatedCallAction(call.messageId, "answer");
    await simulatedCallAction(call.messageId, "zero-hash");
    expect(appCode(await poll(browser))).toBe("MFA_CALL_FRAUD_REPORTED");
    const db = await getDb();
    const [phone] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.methodId, call.methodId));
    expect(phone!.suspendedAt).not.toBeNull();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id));
    expect(audit.map((a) => a.action)).toContain("method.fraud_reported");
    const notices = await db.select().from(outboxMessages).where(eq(outboxMessages.personId, person.id));
    expect(notices.map((n) => n.template)).toContain("call_fraud_reported");
    // The suspended phone is gone from "sign in another way"; the app still works.
    const options = (await factorStepState(browser.requestInfo())).options;
    expect(options.map((o) => o.channel)).toEqual(["totp"]);
    await browser.call("signIn.chooseMethod", { methodId: options[0]!.methodId, channel: "totp" });
    expect((await browser.call("signIn.code", { code: await person.code() })).status).toBe(200);
  });

  it("a declined call fails with MFA_CALL_DECLINED", async () => {
    const { browser, call } = await calling();
    await simulatedCallAction(call.messageId, "decline");
    expect(appCode(await poll(browser))).toBe("MFA_CALL_DECLINED");
  });
});
