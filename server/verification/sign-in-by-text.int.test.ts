import { and, eq, sql } from "drizzle-orm";
import { drainOutbox } from "@/test/delivery";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { outboxMessages, oneTimeCodes, simulatedInbox } from "@/db/schema";
import { moveClockForTests, now } from "../core/clock";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";

let numberCounter = 0;
/** A fresh Dutch mobile number per test (per-number daily caps must not carry over): +31 61…, a mobile range. */
function freshMobile(): string {
  numberCounter += 1;
  const worker = Number(process.env.VITEST_POOL_ID ?? 1) + 10;
  return `+316${String(worker).padStart(2, "0")}${String(numberCounter).padStart(6, "0")}`;
}

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

async function atCodeStep() {
  const mobile = freshMobile();
  const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
  const browser = new Browser();
  await browser.call("signIn.password", { username: person.username, password: person.password });
  const state = await import("./sign-in-factor").then((m) => m.factorStepState(browser.requestInfo()));
  const sms = state.options.find((o) => o.channel === "sms")!;
  return { person, browser, mobile, sms };
}

/** What the phone shows: the newest text's six-digit code. */
async function newestTextCode(mobile: string): Promise<string> {
  await drainOutbox();
  const db = await getDb();
  const texts = await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, mobile)).orderBy(sql`${simulatedInbox.id} desc`);
  return /\b(\d{6})\b/.exec(texts[0]!.body)![1]!;
}

describe("signing in with a text message", () => {
  it("lists the phone masked after the app, sends a code in the person's language, and the code signs in", async () => {
    const { browser, mobile, sms } = await atCodeStep();
    expect(sms.display).toMatch(/^\+31 •• ••• ••\d\d$/);
    const chosen = await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    expect(chosen.body.result!.data).toMatchObject({ channel: "sms", display: sms.display, expiresInSeconds: 180 });
    const code = await newestTextCode(mobile);
    const done = await browser.call("signIn.code", { code });
    expect(done.status).toBe(200);
  });

  it("a second code makes the first fail with MFA_CODE_SUPERSEDED", async () => {
    const { browser, mobile, sms } = await atCodeStep();
    await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    const first = await newestTextCode(mobile);
    await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    const second = await newestTextCode(mobile);
    if (first !== second) expect(appCode(await browser.call("signIn.code", { code: first }))).toBe("MFA_CODE_SUPERSEDED");
    expect((await browser.call("signIn.code", { code: second })).status).toBe(200);
  });

  it("the sixth send within 5 minutes fails with MFA_THROTTLED and nothing is sent", async () => {
    const { person, browser, sms } = await atCodeStep();
    for (let i = 0; i < 5; i++) expect((await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);
    const sixth = await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    expect(sixth.status).toBe(429);
    expect(appCode(sixth)).toBe("MFA_THROTTLED");
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
    const db = await getDb();
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.personId, person.id))).toHaveLength(5);
    moveClockForTests(5 * 60_000 + 1000);
    expect((await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);
  });

  it("a code 181 s old fails with MFA_CODE_EXPIRED; failures count toward the lockout", async () => {
    const { person, browser, mobile, sms } = await atCodeStep();
    await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    const code = await newestTextCode(mobile);
    moveClockForTests(181_000);
    expect(appCode(await browser.call("signIn.code", { code }))).toBe("MFA_CODE_EXPIRED");
    const db = await getDb();
    const [failures] = await db.select({ n: sql<number>`count(*)::int` }).from(sql`factor_failures`).where(sql`person_id = ${person.id}`);
    expect(failures!.n).toBe(1);
  });

  it("codes are not readable in our tables: hashed codes, sealed and then cleared message content", async () => {
    const { person, browser, mobile, sms } = await atCodeStep();
    await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    const db = await getDb();
    const [queued] = await db.select().from(outboxMessages).where(eq(outboxMessages.personId, person.id));
    const code = await newestTextCode(mobile);
    const stored = JSON.stringify([
      queued,
      await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.personId, person.id)),
      await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.personId, person.id))),
    ]);
    expect(stored).not.toContain(code);
  });
});

describe("sending caps beyond the person", () => {
  it("at most 10 codes a day to one number, whoever asks; over the cap no provider is called", async () => {
    const { reserveSend, SEND_LIMITS } = await import("./methods/phone/send-limits");
    const db = await getDb();
    const shared = freshMobile();
    const at = now();
    let allowed = 0;
    // Three people share a number (each stays under their own 5 per 5 minutes).
    for (let p = 0; p < 3; p++) {
      const person = await createTestPerson({ policy: "strict" });
      for (let i = 0; i < 4; i++) if (!(await reserveSend(db, { purpose: "sign_in", use: "text", personId: person.id, e164: shared, country: "NL", at }))) allowed++;
    }
    expect(allowed).toBe(SEND_LIMITS.sign_in.perNumber.max);
  });
});
