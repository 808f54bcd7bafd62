import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions, signInAttempts, simulatedInbox, voiceCalls } from "@/db/schema";
import { drainOutbox } from "@/test/delivery";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { moveClockForTests, now } from "../core/clock";
import { simulatedCallAction } from "../delivery/simulated-inbox";
import { completeSignIn } from "../verification/complete-sign-in";
import { factorStepState } from "../verification/sign-in-factor";
import { noteFactorOnSession } from "./session-facts";

let counter = 0;
const freshMobile = () => `+316${String(Number(process.env.VITEST_POOL_ID ?? 1) + 15).padStart(2, "0")}${String(++counter).padStart(6, "0")}`;

type Step = { attemptId: string; completionToken: string };

async function finish(browser: Browser, step: Step) {
  const done = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo());
  await browser.adoptSession(done!.sessionId, done!.personId);
  const db = await getDb();
  const [session] = await db.select().from(sessions).where(eq(sessions.id, done!.sessionId));
  const [attempt] = await db.select().from(signInAttempts).where(eq(signInAttempts.id, step.attemptId));
  return { session: session!, attempt: attempt! };
}

async function listed(browser: Browser) {
  const list = await browser.call("session.list", undefined, { method: "GET" });
  return list.body.result!.data as Array<{ current: boolean; amr: string[]; methods: string[]; acr: string | null; authTime: string | null }>;
}

async function atPhoneStep(channel: "sms" | "voice") {
  const mobile = freshMobile();
  const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
  const browser = new Browser();
  await browser.call("signIn.password", { username: person.username, password: person.password });
  const option = (await factorStepState(browser.requestInfo())).options.find((o) => o.channel === channel)!;
  const chosen = await browser.call("signIn.chooseMethod", { methodId: option.methodId, channel });
  await drainOutbox();
  return { person, browser, mobile, chosen: chosen.body.result!.data as { matchNumber?: string } };
}

describe("a session records how the person signed in", () => {
  it("a text sign-in: password + sms, assurance mfa, signed in when the attempt completed", async () => {
    const { browser, mobile } = await atPhoneStep("sms");
    const db = await getDb();
    const [text] = await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, mobile)).orderBy(sql`${simulatedInbox.id} desc`);
    const code = /\b(\d{6})\b/.exec(text!.body)![1]!;
    const done = await browser.call("signIn.code", { code });
    moveClockForTests(20_000);
    const { session, attempt } = await finish(browser, done.body.result!.data as Step);
    expect(session).toMatchObject({ amr: ["pwd", "sms", "mfa"], acr: "mfa" });
    expect(session.authTime?.toISOString()).toBe(attempt.completedAt?.toISOString());
    expect(session.authTime!.getTime()).toBeLessThan(session.createdAt.getTime());
    const [item] = await listed(browser);
    expect(item).toMatchObject({ current: true, methods: ["password", "sms"], acr: "mfa", authTime: attempt.completedAt!.toISOString() });
  });

  it("a call sign-in: password + tel", async () => {
    const { person, browser, chosen } = await atPhoneStep("voice");
    const db = await getDb();
    const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.personId, person.id));
    await simulatedCallAction(call!.messageId, "answer");
    await simulatedCallAction(call!.messageId, "hash", chosen.matchNumber);
    const done = await browser.call("signIn.awaitedStatus", {});
    const { session } = await finish(browser, done.body.result!.data as Step);
    expect(session).toMatchObject({ amr: ["pwd", "tel", "mfa"], acr: "mfa" });
    expect((await listed(browser))[0]!.methods).toEqual(["password", "voice"]);
  });

  it("an authenticator-app sign-in: password + the app (otp, swk)", async () => {
    const person = await createTestPerson({ authenticator: true });
    const browser = await signedInWithCode(person);
    const [item] = await listed(browser);
    expect(item).toMatchObject({ amr: ["pwd", "otp", "swk", "mfa"], methods: ["password", "app"], acr: "mfa" });
  });

  it("the password alone (no method yet, no policy asking for one): pwd, assurance pwd", async () => {
    const person = await createTestPerson();
    const browser = new Browser();
    const { body } = await browser.call("signIn.password", { username: person.username, password: person.password });
    const { session } = await finish(browser, body.result!.data as Step);
    expect(session).toMatchObject({ amr: ["pwd"], acr: "pwd", factorVerifiedAt: null });
    expect((await listed(browser))[0]!.methods).toEqual(["password"]);
  });
});

describe("noteFactorOnSession", () => {
  it("adds a step-up's factor to the session: its amr joins, the assurance follows, the factor is fresh from then; the sign-in time stays", async () => {
    const person = await createTestPerson();
    const browser = new Browser();
    const { body } = await browser.call("signIn.password", { username: person.username, password: person.password });
    const { session } = await finish(browser, body.result!.data as Step);
    moveClockForTests(11 * 60_000);
    const at = now();
    const db = await getDb();
    expect(await db.transaction((tx) => noteFactorOnSession(tx, session.id, { amr: ["sms"], at }))).toBe(true);
    // Again with the same factor: nothing is listed twice.
    expect(await db.transaction((tx) => noteFactorOnSession(tx, session.id, { amr: ["sms"], at }))).toBe(true);
    const [after] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(after).toMatchObject({ amr: ["pwd", "sms", "mfa"], acr: "mfa", factorVerifiedAt: at, authTime: session.authTime });
    expect((await listed(browser))[0]!.methods).toEqual(["password", "sms"]);
  });

  it("a revoked session gets nothing", async () => {
    const person = await createTestPerson();
    const browser = new Browser();
    const { body } = await browser.call("signIn.password", { username: person.username, password: person.password });
    const { session } = await finish(browser, body.result!.data as Step);
    const db = await getDb();
    await db.update(sessions).set({ revokedAt: now(), revokeReason: "signed_out" }).where(eq(sessions.id, session.id));
    expect(await db.transaction((tx) => noteFactorOnSession(tx, session.id, { amr: ["tel"], at: now() }))).toBe(false);
    const [after] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(after).toMatchObject({ amr: ["pwd"], acr: "pwd", factorVerifiedAt: null });
  });
});
