/**
 * Step-up ("confirm it's you") with any method that can do it: a text code or a call bound to the
 * session, or the app. Failures count toward the shared lockout and are sign-in events with step "step_up".
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { factorFailures, oneTimeCodes, sessions, signInEvents, simulatedInbox, voiceCalls } from "@/db/schema";
import { drainOutbox } from "@/test/delivery";
import { Browser } from "@/test/http";
import { createTestPerson, type TestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { moveClockForTests, now } from "../core/clock";
import { simulatedCallAction } from "../delivery/simulated-inbox";
import { translate } from "../i18n/translate";
import { completeSignIn } from "../verification/complete-sign-in";
import { LOCKOUT } from "../verification/lockout";
import { SEND_LIMITS } from "../verification/methods/phone/send-limits";
import { FRESH_FACTOR_SECONDS } from "./fresh-factor";
import type { StepUpState } from "./step-up";

let numberCounter = 0;
/** A fresh Dutch mobile number per test (+31 6 2…, a mobile range; per-number caps must not carry over). */
function freshMobile(): string {
  numberCounter += 1;
  const worker = Number(process.env.VITEST_POOL_ID ?? 1) + 10;
  return `+3162${String(worker).padStart(2, "0")}${String(numberCounter).padStart(5, "0")}`;
}

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;
const data = <T>(r: { body: { result?: { data: unknown } } }) => r.body.result!.data as T;

/** What the phone shows: the newest text's six-digit code. */
async function newestTextCode(mobile: string): Promise<string> {
  await drainOutbox();
  const db = await getDb();
  const [text] = await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, mobile)).orderBy(desc(simulatedInbox.id)).limit(1);
  return /\b(\d{6})\b/.exec(text!.body)![1]!;
}

/** A sign-in whose second factor is a text: password, "text me", the code from the phone. */
async function signedInByText(person: TestPerson, mobile: string): Promise<Browser> {
  const browser = new Browser();
  await browser.call("signIn.password", { username: person.username, password: person.password });
  const { factorStepState } = await import("../verification/sign-in-factor");
  const sms = (await factorStepState(browser.requestInfo())).options.find((o) => o.channel === "sms")!;
  expect((await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);
  const done = await browser.call("signIn.code", { code: await newestTextCode(mobile) });
  const step = data<{ attemptId: string; completionToken: string }>(done);
  const session = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo(), browser.setCookieFn());
  await browser.adoptSession(session!.sessionId, session!.personId);
  return browser;
}

async function sessionOf(personId: string) {
  const db = await getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.personId, personId)).orderBy(desc(sessions.createdAt)).limit(1);
  return row!;
}

async function failuresOf(personId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(factorFailures).where(eq(factorFailures.personId, personId));
  return row!.n;
}

async function stepUpEvents(personId: string) {
  const db = await getDb();
  return db
    .select({ method: signInEvents.method, result: signInEvents.result, code: signInEvents.code })
    .from(signInEvents)
    .where(and(eq(signInEvents.personId, personId), eq(signInEvents.step, "step_up")))
    .orderBy(signInEvents.id);
}

/** A person with the app and a mobile, signed in by text more than 10 minutes ago (like lotte). */
async function staleTextSession() {
  const mobile = freshMobile();
  const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
  const browser = await signedInByText(person, mobile);
  moveClockForTests((FRESH_FACTOR_SECONDS + 60) * 1000);
  expect(appCode(await browser.call("methods.beginAuthenticator", {}))).toBe("MFA_FRESH_FACTOR_REQUIRED");
  const state = data<StepUpState>(await browser.call("methods.stepUpOptions", undefined, { method: "GET" }));
  const sms = state.options.find((o) => o.channel === "sms")!;
  return { person, mobile, browser, state, sms };
}

describe("confirm it's you with a text message", () => {
  it("offers the app and the text, named from the method's description; a texted code makes the factor fresh", async () => {
    const { person, mobile, browser, state, sms } = await staleTextSession();
    expect(state.locked).toBeNull();
    expect(state.options.map((o) => [o.channel, o.method.labelKey])).toEqual([
      ["totp", "totp"],
      ["sms", "mobile"],
      ["voice", "mobile"],
    ]);
    expect(sms.method.detail).toMatch(/^\+31 .*•.*\d\d$/);
    expect(JSON.stringify(state)).not.toContain(mobile.slice(3));

    const sent = await browser.call("methods.sendStepUpCode", { methodId: sms.methodId, channel: "sms" });
    expect(data(sent)).toMatchObject({ channel: "sms", method: { labelKey: "mobile", detail: sms.method.detail }, expiresInSeconds: 180 });
    const db = await getDb();
    const session = await sessionOf(person.id);
    const [code] = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.personId, person.id)).orderBy(desc(oneTimeCodes.createdAt)).limit(1);
    expect({ purpose: code!.purpose, ownerId: code!.ownerId }).toEqual({ purpose: "step_up", ownerId: session.id });

    const confirmed = await browser.call("methods.confirmIdentity", { code: await newestTextCode(mobile), channel: "sms" });
    expect(confirmed.status).toBe(200);
    expect((await sessionOf(person.id)).factorVerifiedAt!.getTime()).toBeGreaterThan(session.factorVerifiedAt!.getTime());
    expect(appCode(await browser.call("methods.beginAuthenticator", {}))).toBeUndefined();
    expect(await stepUpEvents(person.id)).toEqual([
      { method: "sms", result: "info", code: null },
      { method: "sms", result: "success", code: null },
    ]);
  });

  it("a wrong code and an expired code count toward the shared lockout, as sms step-up failures; the tenth locks", async () => {
    const { person, mobile, browser, sms } = await staleTextSession();
    await browser.call("methods.sendStepUpCode", { methodId: sms.methodId, channel: "sms" });
    const code = await newestTextCode(mobile);
    const wrong = code === "000000" ? "111111" : "000000";
    expect(appCode(await browser.call("methods.confirmIdentity", { code: wrong, channel: "sms" }))).toBe("MFA_CODE_INVALID");
    moveClockForTests(181_000);
    expect(appCode(await browser.call("methods.confirmIdentity", { code, channel: "sms" }))).toBe("MFA_CODE_EXPIRED");
    expect(await failuresOf(person.id)).toBe(2);
    expect(await stepUpEvents(person.id)).toEqual([
      { method: "sms", result: "info", code: null },
      { method: "sms", result: "failure", code: "MFA_CODE_INVALID" },
      { method: "sms", result: "failure", code: "MFA_CODE_EXPIRED" },
    ]);

    // The same lock as sign-in: the run continues to the tenth failure, which locks.
    let last: unknown;
    for (let i = 2; i < LOCKOUT.failuresBeforeLock; i++) last = appCode(await browser.call("methods.confirmIdentity", { code: wrong, channel: "sms" }));
    expect(last).toBe("ACCOUNT_LOCKED");
    const locked = data<StepUpState>(await browser.call("methods.stepUpOptions", undefined, { method: "GET" }));
    expect(locked.locked).not.toBeNull();
    // Locked: no code is sent, and even the app's right code is refused unchecked.
    expect(appCode(await browser.call("methods.sendStepUpCode", { methodId: sms.methodId, channel: "sms" }))).toBe("ACCOUNT_LOCKED");
    expect(appCode(await browser.call("methods.confirmIdentity", { code: await person.code() }))).toBe("ACCOUNT_LOCKED");
  });

  it("a code sent for a sign-in does not confirm a step-up, and a step-up code does not sign in", async () => {
    const { person, mobile, browser, sms } = await staleTextSession();
    // Another browser is at the code step of a sign-in and is texted a sign-in code.
    const signingIn = new Browser();
    await signingIn.call("signIn.password", { username: person.username, password: person.password });
    await signingIn.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    const signInCode = await newestTextCode(mobile);
    await browser.call("methods.sendStepUpCode", { methodId: sms.methodId, channel: "sms" });
    const stepUpCode = await newestTextCode(mobile);
    expect(stepUpCode).not.toBe("");

    if (signInCode !== stepUpCode) {
      expect(appCode(await browser.call("methods.confirmIdentity", { code: signInCode, channel: "sms" }))).toBe("MFA_CODE_INVALID");
      expect(appCode(await signingIn.call("signIn.code", { code: stepUpCode }))).toBe("MFA_CODE_INVALID");
    }
    // Each still works where it belongs.
    expect((await browser.call("methods.confirmIdentity", { code: stepUpCode, channel: "sms" })).status).toBe(200);
    expect((await signingIn.call("signIn.code", { code: signInCode })).status).toBe(200);
  });

  it("a step-up code is bound to its session: another session of the same person cannot use it", async () => {
    const { person, mobile, browser, sms } = await staleTextSession();
    const other = await signedInWithCode(person);
    moveClockForTests((FRESH_FACTOR_SECONDS + 60) * 1000);
    await browser.call("methods.sendStepUpCode", { methodId: sms.methodId, channel: "sms" });
    const code = await newestTextCode(mobile);
    expect(appCode(await other.call("methods.confirmIdentity", { code, channel: "sms" }))).toBe("MFA_CODE_INVALID");
    expect((await browser.call("methods.confirmIdentity", { code, channel: "sms" })).status).toBe(200);
  });

  it("step-up has its own sending caps: using them up leaves the sign-in budget untouched", async () => {
    const { person, browser, sms } = await staleTextSession();
    for (let i = 0; i < SEND_LIMITS.step_up.perPerson.max; i++) {
      expect((await browser.call("methods.sendStepUpCode", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);
    }
    const over = await browser.call("methods.sendStepUpCode", { methodId: sms.methodId, channel: "sms" });
    expect({ status: over.status, code: appCode(over) }).toEqual({ status: 429, code: "MFA_THROTTLED" });
    const signingIn = new Browser();
    await signingIn.call("signIn.password", { username: person.username, password: person.password });
    expect((await signingIn.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);
  });

  it("a way the person does not have is refused before anything is sent or counted", async () => {
    const { person, browser } = await staleTextSession();
    const stranger = await createTestPerson({ policy: "strict", mobile: freshMobile() });
    const db = await getDb();
    const { mfaMethods } = await import("@/db/schema");
    const [theirs] = await db.select().from(mfaMethods).where(eq(mfaMethods.personId, stranger.id));
    expect(appCode(await browser.call("methods.sendStepUpCode", { methodId: theirs!.id, channel: "sms" }))).toBe("NOT_FOUND");
    expect(await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.methodId, theirs!.id))).toHaveLength(0);
    expect(await failuresOf(person.id)).toBe(0);
  });
});

describe("confirm it's you with the app", () => {
  it("a person with only an app is offered the app alone and confirms with its code", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    moveClockForTests((FRESH_FACTOR_SECONDS + 60) * 1000);
    const state = data<StepUpState>(await browser.call("methods.stepUpOptions", undefined, { method: "GET" }));
    expect(state.options.map((o) => o.channel)).toEqual(["totp"]);
    // No phone, so no text can be asked for.
    expect(appCode(await browser.call("methods.confirmIdentity", { code: "123456", channel: "sms" }))).toBe("NOT_FOUND");
    expect((await browser.call("methods.confirmIdentity", { code: await person.code() })).status).toBe(200);
    expect(await stepUpEvents(person.id)).toEqual([{ method: "totp", result: "success", code: null }]);
  });

  it("a wrong app code counts toward the lockout as a totp step-up failure", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    moveClockForTests((FRESH_FACTOR_SECONDS + 60) * 1000);
    const right = await person.code();
    expect(appCode(await browser.call("methods.confirmIdentity", { code: right === "000000" ? "111111" : "000000", channel: "totp" }))).toBe("MFA_CODE_INVALID");
    expect(await failuresOf(person.id)).toBe(1);
    expect(await stepUpEvents(person.id)).toEqual([{ method: "totp", result: "failure", code: "MFA_CODE_INVALID" }]);
  });

  it("a person with only a phone is offered the text and the call, never an app code", async () => {
    const mobile = freshMobile();
    const person = await createTestPerson({ policy: "strict", mobile });
    const browser = await signedInByText(person, mobile);
    moveClockForTests((FRESH_FACTOR_SECONDS + 60) * 1000);
    const state = data<StepUpState>(await browser.call("methods.stepUpOptions", undefined, { method: "GET" }));
    expect(state.options.map((o) => o.channel)).toEqual(["sms", "voice"]);
    expect(appCode(await browser.call("methods.confirmIdentity", { code: "123456" }))).toBe("NOT_FOUND");
  });

  it("a step-up's method joins the session's facts: signed in with the app, confirmed by text, the session names both", async () => {
    const mobile = freshMobile();
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
    const browser = await signedInWithCode(person);
    expect((await sessionOf(person.id)).amr).not.toContain("sms");
    const sms = data<StepUpState>(await browser.call("methods.stepUpOptions", undefined, { method: "GET" })).options.find((o) => o.channel === "sms")!;
    expect((await browser.call("methods.sendStepUpCode", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);
    expect((await browser.call("methods.confirmIdentity", { code: await newestTextCode(mobile), channel: "sms" })).status).toBe(200);
    expect((await sessionOf(person.id)).amr).toEqual(expect.arrayContaining(["pwd", "otp", "swk", "sms"]));
  });
});

let officeCounter = 0;
/** A fresh Dutch fixed line per test (+31 20 …, Amsterdam: calls only; per-number caps must not carry over). */
function freshOffice(): string {
  officeCounter += 1;
  const worker = Number(process.env.VITEST_POOL_ID ?? 1) + 10;
  return `+3120${String(worker).padStart(2, "0")}${String(officeCounter).padStart(5, "0")}`;
}

/** The newest call placed to a number, once the outbox has delivered it. */
async function newestCall(personId: string) {
  await drainOutbox();
  const db = await getDb();
  const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.personId, personId)).orderBy(desc(voiceCalls.createdAt)).limit(1);
  return call!;
}

/** A sign-in by a call: password, "Call me", answered, the number the page shows and #. */
async function signedInByCall(person: TestPerson): Promise<Browser> {
  const browser = new Browser();
  await browser.call("signIn.password", { username: person.username, password: person.password });
  const { factorStepState } = await import("../verification/sign-in-factor");
  const voice = (await factorStepState(browser.requestInfo())).options.find((o) => o.channel === "voice")!;
  const chosen = data<{ matchNumber: string }>(await browser.call("signIn.chooseMethod", { methodId: voice.methodId, channel: "voice" }));
  const call = await newestCall(person.id);
  await simulatedCallAction(call.messageId, "answer");
  await simulatedCallAction(call.messageId, "hash", chosen.matchNumber);
  const step = data<{ attemptId: string; completionToken: string }>(await browser.call("signIn.awaitedStatus", {}));
  const session = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo(), browser.setCookieFn());
  await browser.adoptSession(session!.sessionId, session!.personId);
  return browser;
}

/** A person whose only phone is an office phone (calls only), signed in by a call more than 10 minutes ago. */
async function staleCallSession() {
  const office = freshOffice();
  const person = await createTestPerson({ policy: "strict", office });
  const browser = await signedInByCall(person);
  moveClockForTests((FRESH_FACTOR_SECONDS + 60) * 1000);
  expect(appCode(await browser.call("methods.beginAuthenticator", {}))).toBe("MFA_FRESH_FACTOR_REQUIRED");
  const state = data<StepUpState>(await browser.call("methods.stepUpOptions", undefined, { method: "GET" }));
  const voice = state.options.find((o) => o.channel === "voice")!;
  return { person, office, browser, state, voice };
}

/** "Call me" in "confirm it's you": the call placed for this session and the number the panel shows. */
async function callForStepUp(browser: Browser, personId: string, methodId: string) {
  const placed = await browser.call("methods.sendStepUpCode", { methodId, channel: "voice" });
  expect(placed.status).toBe(200);
  const { matchNumber } = data<{ matchNumber: string }>(placed);
  return { call: await newestCall(personId), matchNumber, answer: data<Record<string, unknown>>(placed) };
}

const stepUpStatus = (browser: Browser) => browser.call("methods.stepUpStatus", {});
/** Another two-digit number than the one shown. */
const otherThan = (digits: string) => String(((Number(digits) - 10 + 1) % 90) + 10);

async function failuresCoded(personId: string, code: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(factorFailures)
    .where(and(eq(factorFailures.personId, personId), eq(factorFailures.code, code)));
  return row!.n;
}

describe("confirm it's you with a call", () => {
  it("a person with only an office phone is offered the call; answered, the number shown and # make the factor fresh and add tel to the session", async () => {
    const { person, browser, state, voice } = await staleCallSession();
    expect(state.options.map((o) => [o.channel, o.method.labelKey, o.challenged, o.awaited])).toEqual([["voice", "office", true, true]]);

    const session = await sessionOf(person.id);
    const { call, matchNumber, answer } = await callForStepUp(browser, person.id, voice.methodId);
    expect(answer).toMatchObject({ channel: "voice", method: { labelKey: "office", detail: voice.method.detail }, expiresInSeconds: 60 });
    expect(matchNumber).toMatch(/^[1-9][0-9]$/);
    // Bound to this session; the call says someone signed in wants to confirm, and never says the number.
    expect(call.ownerId).toBe(session.id);
    const db = await getDb();
    const [heard] = await db.select().from(simulatedInbox).where(eq(simulatedInbox.messageId, call.messageId));
    expect(heard!.body).toBe(translate("nl", "notices.step_up_call.body"));
    expect(heard!.body).not.toMatch(/[0-9]/);

    expect(data(await stepUpStatus(browser))).toEqual({ status: "waiting", state: "ringing" });
    await simulatedCallAction(call.messageId, "answer");
    expect(data(await stepUpStatus(browser))).toEqual({ status: "waiting", state: "answered" });
    await simulatedCallAction(call.messageId, "hash", matchNumber);
    const done = await stepUpStatus(browser);
    expect(done.status).toBe(200);
    expect(data(done)).toMatchObject({ status: "confirmed" });

    const after = await sessionOf(person.id);
    expect(after.factorVerifiedAt!.getTime()).toBeGreaterThan(session.factorVerifiedAt!.getTime());
    expect(after.amr).toEqual(expect.arrayContaining(["pwd", "tel", "mfa"]));
    expect(appCode(await browser.call("methods.beginAuthenticator", {}))).toBeUndefined();
    expect(await stepUpEvents(person.id)).toEqual([
      { method: "voice", result: "info", code: null },
      { method: "voice", result: "success", code: null },
    ]);
    // One confirmed call proves one step-up: asked again, there is nothing to wait for.
    expect(appCode(await stepUpStatus(browser))).toBe("NOT_FOUND");
  });

  it("a declined call is MFA_CALL_DECLINED, counted once toward the lockout with one step-up failure event", async () => {
    const { person, browser, voice } = await staleCallSession();
    const { call } = await callForStepUp(browser, person.id, voice.methodId);
    await simulatedCallAction(call.messageId, "decline");
    // Counted as the phone answered, before the panel asks.
    expect(await failuresCoded(person.id, "MFA_CALL_DECLINED")).toBe(1);
    expect(appCode(await stepUpStatus(browser))).toBe("MFA_CALL_DECLINED");
    expect(appCode(await stepUpStatus(browser))).toBe("MFA_CALL_DECLINED");
    expect(await failuresOf(person.id)).toBe(1);
    expect(await stepUpEvents(person.id)).toEqual([
      { method: "voice", result: "info", code: null },
      { method: "voice", result: "failure", code: "MFA_CALL_DECLINED" },
    ]);
  });

  it("a wrong number and an unanswered call count like at sign-in; the tenth failure locks, and no call is placed then", async () => {
    const { person, browser, voice } = await staleCallSession();
    const first = await callForStepUp(browser, person.id, voice.methodId);
    await simulatedCallAction(first.call.messageId, "answer");
    await simulatedCallAction(first.call.messageId, "hash", otherThan(first.matchNumber));
    expect(appCode(await stepUpStatus(browser))).toBe("MFA_CALL_WRONG_NUMBER");
    // The right number after the call ended approves nothing.
    await simulatedCallAction(first.call.messageId, "hash", first.matchNumber);
    expect(appCode(await stepUpStatus(browser))).toBe("MFA_CALL_WRONG_NUMBER");

    await callForStepUp(browser, person.id, voice.methodId);
    moveClockForTests(61_000);
    // No answer in 60 s is counted when the panel asks, once.
    expect(appCode(await stepUpStatus(browser))).toBe("MFA_CALL_UNANSWERED");
    expect(appCode(await stepUpStatus(browser))).toBe("MFA_CALL_UNANSWERED");
    expect(await failuresOf(person.id)).toBe(2);
    expect((await stepUpEvents(person.id)).filter((e) => e.result === "failure").map((e) => e.code)).toEqual(["MFA_CALL_WRONG_NUMBER", "MFA_CALL_UNANSWERED"]);

    const db = await getDb();
    const { recordFactorFailure } = await import("../verification/lockout");
    for (let i = 2; i < LOCKOUT.failuresBeforeLock - 1; i++) {
      await recordFactorFailure(db, { personId: person.id, method: "voice", code: "MFA_CALL_DECLINED", correlationId: null, clientIp: null, at: now() });
    }
    const last = await callForStepUp(browser, person.id, voice.methodId);
    await simulatedCallAction(last.call.messageId, "decline");
    expect(appCode(await stepUpStatus(browser))).toBe("ACCOUNT_LOCKED");
    expect(data<StepUpState>(await browser.call("methods.stepUpOptions", undefined, { method: "GET" })).locked).not.toBeNull();
    expect(appCode(await browser.call("methods.sendStepUpCode", { methodId: voice.methodId, channel: "voice" }))).toBe("ACCOUNT_LOCKED");
  });

  it("step-up calls have the step-up sending caps: using them up leaves the sign-in budget untouched", async () => {
    const { person, browser, voice } = await staleCallSession();
    for (let i = 0; i < SEND_LIMITS.step_up.perPerson.max; i++) {
      expect((await browser.call("methods.sendStepUpCode", { methodId: voice.methodId, channel: "voice" })).status).toBe(200);
    }
    const over = await browser.call("methods.sendStepUpCode", { methodId: voice.methodId, channel: "voice" });
    expect({ status: over.status, code: appCode(over) }).toEqual({ status: 429, code: "MFA_THROTTLED" });
    expect((await stepUpEvents(person.id)).at(-1)).toEqual({ method: "voice", result: "throttled", code: "MFA_THROTTLED" });
    const signingIn = new Browser();
    await signingIn.call("signIn.password", { username: person.username, password: person.password });
    expect((await signingIn.call("signIn.chooseMethod", { methodId: voice.methodId, channel: "voice" })).status).toBe(200);
  });

  it("a call is bound to its session and purpose: a sign-in call confirms no step-up, and a call takes no typed code", async () => {
    const { person, browser, voice } = await staleCallSession();
    // Another browser signs in by call and approves it: that call is the sign-in's, not this session's.
    const signingIn = new Browser();
    await signingIn.call("signIn.password", { username: person.username, password: person.password });
    const chosen = data<{ matchNumber: string }>(await signingIn.call("signIn.chooseMethod", { methodId: voice.methodId, channel: "voice" }));
    const signInCall = await newestCall(person.id);
    await simulatedCallAction(signInCall.messageId, "answer");
    await simulatedCallAction(signInCall.messageId, "hash", chosen.matchNumber);
    expect(appCode(await stepUpStatus(browser))).toBe("NOT_FOUND");
    expect(appCode(await browser.call("methods.confirmIdentity", { code: "123456", channel: "voice" }))).toBe("NOT_FOUND");
    expect(await failuresOf(person.id)).toBe(0);
  });
});
