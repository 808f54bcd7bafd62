import { eq } from "drizzle-orm";
import { drainOutbox } from "@/test/delivery";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, outboxMessages, phoneNumbers, voiceCalls } from "@/db/schema";
import { moveClockForTests } from "../clock";
import { simulatedCallAction } from "../delivery/simulated-inbox";
import { factorStepState } from "./sign-in-factor";
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
  await drainOutbox();
  const db = await getDb();
  const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.personId, person.id));
  return { person, browser, call: call! };
}

const poll = (browser: Browser) => browser.call("signIn.callStatus", {});

describe("signing in with a call", () => {
  it("answered and # completes the step; the page learns it by polling", async () => {
    const { browser, call } = await calling();
    expect((await poll(browser)).body.result!.data).toEqual({ status: "waiting", state: "ringing" });
    await simulatedCallAction(call.messageId, "answer");
    expect((await poll(browser)).body.result!.data).toEqual({ status: "waiting", state: "answered" });
    await simulatedCallAction(call.messageId, "hash");
    const done = await poll(browser);
    expect(done.status).toBe(200);
    expect(done.body.result!.data).toMatchObject({ status: "completed" });
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

  it("answered without # : MFA_CALL_NO_KEYPRESS; a late # changes nothing", async () => {
    const { browser, call } = await calling();
    await simulatedCallAction(call.messageId, "answer");
    moveClockForTests(31_000);
    expect(appCode(await poll(browser))).toBe("MFA_CALL_NO_KEYPRESS");
    await simulatedCallAction(call.messageId, "hash");
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
