import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { simulatedInbox, voiceCalls } from "@/db/schema";
import { moveClockForTests, now } from "../core/clock";
import { resetEnvForTests } from "../core/env";
import { simulatedCallAction } from "../delivery/simulated-inbox";
import type { AppLocale } from "../i18n/translate";
import { factorStepState } from "../verification/sign-in-factor";
import { Browser } from "@/test/http";
import { createTestPerson, type TestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { drainOutbox } from "@/test/delivery";
import { describeFinding } from "./describe";
import type { Diagnosis } from "./explain";
import { runChecks } from "../troubleshooting/checks";
import { WIZARDS, wizardStep } from "../troubleshooting/wizards";

let counter = 0;
const freshMobile = () => `+316${String(Number(process.env.VITEST_POOL_ID ?? 1) + 30).padStart(2, "0")}${String(++counter).padStart(6, "0")}`;

type Answer = Diagnosis | { found: false };
async function whatHappened(browser: Browser, correlationId: string): Promise<Answer> {
  const response = await browser.call("help.diagnose", { correlationId }, { method: "GET" });
  expect(response.status).toBe(200);
  return response.body.result!.data as Answer;
}

/** "What happened?" in words, as the page shows it. */
async function explained(browser: Browser, correlationId: string, locale: AppLocale = "en") {
  const answer = await whatHappened(browser, correlationId);
  if (!answer.found) throw new Error("nothing found");
  expect(answer.finding).not.toBeNull();
  return { answer, words: describeFinding(answer.finding!, locale) };
}

async function atFactorStep(options: { mobile?: boolean } = {}) {
  const mobile = options.mobile ? freshMobile() : undefined;
  const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
  const browser = new Browser();
  const started = await browser.call("signIn.password", { username: person.username, password: person.password });
  const correlationId = (started.body.result!.data as { correlationId: string }).correlationId;
  return { person, browser, correlationId, mobile: mobile! };
}

async function chooseChannel(browser: Browser, channel: "sms" | "voice") {
  const option = (await factorStepState(browser.requestInfo())).options.find((o) => o.channel === channel)!;
  return browser.call("signIn.chooseMethod", { methodId: option.methodId, channel });
}

async function newestTextCode(mobile: string): Promise<string> {
  await drainOutbox();
  const db = await getDb();
  const texts = await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, mobile)).orderBy(sql`${simulatedInbox.id} desc`);
  return /\b(\d{6})\b/.exec(texts[0]!.body)![1]!;
}

const saved = { ...process.env };
afterEach(() => {
  for (const key of ["DELIVERY_HTTP_PROVIDERS", "SMS_PROVIDERS", "VOICE_PROVIDERS"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetEnvForTests();
});

describe("What happened? names the cause and the fix", () => {
  it("a superseded text code: when it was sent, that a newer one came, only the newest works", async () => {
    const { browser, correlationId, mobile } = await atFactorStep({ mobile: true });
    await chooseChannel(browser, "sms");
    const first = await newestTextCode(mobile);
    moveClockForTests(20_000);
    await chooseChannel(browser, "sms");
    const second = await newestTextCode(mobile);
    if (first === second) return; // one in a million: the same six digits twice
    await browser.call("signIn.code", { code: first });
    const { answer, words } = await explained(browser, correlationId);
    expect(answer.finding).toMatchObject({ finding: "code_superseded", code: "MFA_CODE_SUPERSEDED", wizard: "no-code" });
    expect(words.what).toMatch(/sent at \d\d:\d\d:\d\d, but a newer code was sent at \d\d:\d\d:\d\d\. Only the newest code works/);
    expect(words.fix).toContain("newest message");
  });

  it("an expired text code: sent at, stopped working at, and the policy's lifetime", async () => {
    const { browser, correlationId, mobile } = await atFactorStep({ mobile: true });
    await chooseChannel(browser, "sms");
    const code = await newestTextCode(mobile);
    moveClockForTests(181_000);
    await browser.call("signIn.code", { code });
    const { answer, words } = await explained(browser, correlationId, "nl");
    expect(answer.finding).toMatchObject({ finding: "code_expired", code: "MFA_CODE_EXPIRED" });
    expect(words.what).toMatch(/verstuurd om \d\d:\d\d:\d\d en werkte niet meer vanaf \d\d:\d\d:\d\d: codes per sms zijn 3 min geldig/);
    expect(words.fix).toContain("nieuwe code");
  });

  it("a replayed app code: already used, wait for the next one", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    await signedInWithCode(person);
    const other = new Browser();
    const started = await other.call("signIn.password", { username: person.username, password: person.password });
    await other.call("signIn.code", { code: await person.code() });
    const { answer, words } = await explained(other, (started.body.result!.data as { correlationId: string }).correlationId);
    expect(answer.finding).toMatchObject({ finding: "code_replayed_app", code: "MFA_CODE_REPLAYED" });
    expect(words.what).toContain("already been used");
    expect(words.fix).toContain("next code");
  });

  it("clock drift: the direction and size, in both languages", async () => {
    const behind = await atFactorStep();
    await behind.browser.call("signIn.code", { code: await behind.person.code(new Date(now().getTime() - 3 * 60_000)) });
    const late = await explained(behind.browser, behind.correlationId);
    expect(late.answer.finding).toMatchObject({ finding: "clock_drift", params: { amount: 3, unit: "minutes", direction: "behind" } });
    expect(late.words.what).toContain("about 3 minutes behind");
    expect(late.words.fix).toContain("automatic");
    expect(late.answer.clockOffsetSeconds).toBeLessThan(-150);

    const ahead = await atFactorStep();
    await ahead.browser.call("signIn.code", { code: await ahead.person.code(new Date(now().getTime() + 2 * 60_000)) });
    const early = await explained(ahead.browser, ahead.correlationId, "nl");
    expect(early.words.what).toContain("ongeveer 2 minuten voorloopt");
  });

  it("throttled: from when a new code can be asked for", async () => {
    const { browser, correlationId } = await atFactorStep({ mobile: true });
    for (let i = 0; i < 5; i++) await chooseChannel(browser, "sms");
    expect((await chooseChannel(browser, "sms")).status).toBe(429);
    const { answer, words } = await explained(browser, correlationId);
    expect(answer.finding).toMatchObject({ finding: "throttled", code: "MFA_THROTTLED" });
    const retryAt = (answer.finding!.params.retryAt as { time: string }).time;
    expect(Date.parse(retryAt) - Date.parse(answer.finding!.at!)).toBeGreaterThan(60_000);
    expect(words.what).toMatch(/ask for a new one from \d\d:\d\d:\d\d/);
  });

  it("locked: until when, the same in the person's and the browser's view", async () => {
    const { person, browser, correlationId } = await atFactorStep();
    const wrong = async () => ((Number(await person.code()) + 500_000) % 1_000_000).toString().padStart(6, "0");
    for (let i = 0; i < 10; i++) await browser.call("signIn.code", { code: await wrong() });
    const { answer, words } = await explained(browser, correlationId);
    expect(answer.outcome).toBe("failed");
    expect(answer.finding).toMatchObject({ finding: "locked", code: "ACCOUNT_LOCKED" });
    expect(answer.lockedUntil).not.toBeNull();
    const until = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "Europe/Amsterdam" }).format(new Date(answer.lockedUntil!));
    expect(words.what).toContain(`locked until ${until}`);
    expect(words.fix).toContain(`Wait until ${until}`);
  });

  it("delivery failed: every provider refused, with each try in the helpdesk view only", async () => {
    process.env.DELIVERY_HTTP_PROVIDERS = JSON.stringify([{ name: "closed", url: "http://127.0.0.1:9/", secret: "provider-shared-secret-0123456789abcdef", timeoutMs: 2000 }]);
    process.env.SMS_PROVIDERS = "closed";
    resetEnvForTests();
    const { browser, correlationId } = await atFactorStep({ mobile: true });
    expect((await chooseChannel(browser, "sms")).status).toBe(503);
    const { answer, words } = await explained(browser, correlationId);
    expect(answer.finding).toMatchObject({ finding: "delivery_failed", code: "DELIVERY_FAILED" });
    expect(words.fix).toContain("Sign in another way");
    expect(answer.deliveries).toEqual([expect.objectContaining({ channel: "sms", status: "failed" })]);
    expect(answer.deliveries[0]).not.toHaveProperty("provider");
    const { diagnoseForHelpdesk } = await import("./diagnose-sign-in");
    const full = (await diagnoseForHelpdesk(correlationId)) as Diagnosis;
    expect(full.deliveries[0]).toMatchObject({ provider: "closed", status: "failed", error: expect.any(String) });
  });

  async function calling() {
    const at = await atFactorStep({ mobile: true });
    const chosen = await chooseChannel(at.browser, "voice");
    await drainOutbox();
    const db = await getDb();
    const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.personId, at.person.id));
    return { ...at, call: call!, matchNumber: (chosen.body.result!.data as { matchNumber: string }).matchNumber };
  }

  it("a call nobody answered", async () => {
    const { browser, correlationId } = await calling();
    moveClockForTests(61_000);
    await browser.call("signIn.awaitedStatus", {});
    const { answer, words } = await explained(browser, correlationId);
    expect(answer.finding).toMatchObject({ finding: "call_unanswered", code: "MFA_CALL_UNANSWERED" });
    expect(words.what).toContain("not answered within a minute");
    expect(words.fix).toContain("new call");
  });

  it("a call answered without pressing #", async () => {
    const { browser, correlationId, call } = await calling();
    await simulatedCallAction(call.messageId, "answer");
    moveClockForTests(31_000);
    await browser.call("signIn.awaitedStatus", {});
    const { answer, words } = await explained(browser, correlationId, "nl");
    expect(answer.finding).toMatchObject({ finding: "call_no_keypress", code: "MFA_CALL_NO_KEYPRESS" });
    expect(words.fix).toContain("druk op het hekje (#)");
  });

  it("a call where the wrong number was typed: the finding, its fix, and the no-code wizard's call step explain it", async () => {
    const { browser, correlationId, call, matchNumber } = await calling();
    await simulatedCallAction(call.messageId, "answer");
    await simulatedCallAction(call.messageId, "hash", matchNumber === "99" ? "98" : "99");
    await browser.call("signIn.awaitedStatus", {});
    const { answer, words } = await explained(browser, correlationId);
    expect(answer.finding).toMatchObject({ finding: "call_wrong_number", code: "MFA_CALL_WRONG_NUMBER", wizard: "no-code" });
    expect(words.what).toContain("not the one the sign-in page showed");
    expect(words.fix).toContain("type the number the sign-in page shows");
    expect(describeFinding(answer.finding!, "nl").fix).toContain("typ het nummer dat het aanmeldscherm op dat moment toont");

    const step = wizardStep(WIZARDS["no-code"], "call")!;
    const checks = await runChecks(step.checks!, { session: null, cookieHeader: browser.cookieHeader(), prefill: { correlationId } });
    const diagnosis = checks.find((c) => c.check === "diagnosis") as { diagnosis: Diagnosis | null } | undefined;
    expect(diagnosis?.diagnosis?.finding).toMatchObject({ finding: "call_wrong_number" });
  });

  it("registration required: the password was right and a first method had to be registered", async () => {
    const person = await createTestPerson({ policy: "strict" });
    const browser = new Browser();
    const started = await browser.call("signIn.password", { username: person.username, password: person.password });
    expect(started.body.result!.data).toMatchObject({ status: "register" });
    const { answer, words } = await explained(browser, (started.body.result!.data as { correlationId: string }).correlationId);
    expect(answer.outcome).toBe("in_progress");
    expect(answer.finding).toMatchObject({ finding: "registration_required", wizard: "not-prompted" });
    expect(words.what).toContain("requires two-step verification");
  });

  it("registration no longer allowed: the onboarding window is over", async () => {
    const person = await createTestPerson({ policy: "strict", createdAt: new Date(now().getTime() - 30 * 86_400_000) });
    const browser = new Browser();
    const started = await browser.call("signIn.password", { username: person.username, password: person.password });
    const correlationId = started.body.error!.data.correlationId as string;
    const { answer, words } = await explained(browser, correlationId);
    expect(answer.finding).toMatchObject({ finding: "registration_not_allowed", code: "MFA_REGISTRATION_NOT_ALLOWED" });
    expect(words.fix).toContain("helpdesk");
  });

  it("a sign-in that succeeded after a wrong code has no finding", async () => {
    const { person, browser, correlationId } = await atFactorStep();
    await browser.call("signIn.code", { code: "000000" === (await person.code()) ? "111111" : "000000" });
    await browser.call("signIn.code", { code: await person.code() });
    const answer = (await whatHappened(browser, correlationId)) as Diagnosis;
    expect(answer.outcome).toBe("signed_in");
    expect(answer.finding).toBeNull();
    expect(answer.steps.map((s) => `${s.step}:${s.result}`)).toEqual(["password:success", "second_factor:failure", "second_factor:success"]);
  });
});

describe("who may see a sign-in", () => {
  async function failedPassword(username: string, password: string) {
    const browser = new Browser();
    const response = await browser.call("signIn.password", { username, password });
    expect(response.status).toBe(401);
    const correlationId = response.body.error!.data.correlationId as string;
    const response2 = await browser.call("help.diagnose", { correlationId }, { method: "GET" });
    return { browser, correlationId, raw: JSON.stringify(response2.body) };
  }

  async function lockedPerson(): Promise<TestPerson> {
    const { person, browser } = await atFactorStep();
    for (let i = 0; i < 10; i++) await browser.call("signIn.code", { code: ((Number(await person.code()) + 1) % 1_000_000).toString().padStart(6, "0") });
    return person;
  }

  it("an unknown user, a wrong password, a locked and a disabled account: byte-identical", async () => {
    const known = await createTestPerson({ policy: "strict", authenticator: true });
    const locked = await lockedPerson();
    const disabled = await createTestPerson({ policy: "strict", authenticator: true, disabled: true });
    const answers = await Promise.all([
      failedPassword(`nobody-${counter++}@example.test`, "correct horse battery staple"),
      failedPassword(known.username, "wrong horse battery staple"),
      failedPassword(locked.username, "wrong horse battery staple"),
      failedPassword(disabled.username, disabled.password),
    ]);
    for (const answer of answers) expect(answer.raw).toBe(answers[0]!.raw);
    expect(answers[0]!.raw).toContain("invalid_credentials");
    expect(answers[0]!.raw).not.toContain(answers[0]!.correlationId);
  });

  it("another browser with the same correlation ID sees nothing, the same as an unknown ID", async () => {
    const { correlationId } = await atFactorStep();
    const stranger = new Browser();
    expect(await whatHappened(stranger, correlationId)).toEqual({ found: false });
    expect(await whatHappened(stranger, crypto.randomUUID())).toEqual({ found: false });
    const someoneElse = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    expect(await whatHappened(someoneElse, correlationId)).toEqual({ found: false });
  });

  it("the person, signed in elsewhere, sees their own sign-in in full; the browser sees no addresses", async () => {
    const { person, browser, correlationId } = await atFactorStep();
    await browser.call("signIn.code", { code: "12345" });
    const own = (await whatHappened(await signedInWithCode(person), correlationId)) as Diagnosis;
    expect(own.view).toBe("person");
    expect(own.finding).toMatchObject({ finding: "code_malformed" });
    const anonymous = (await whatHappened(browser, correlationId)) as Diagnosis;
    expect(anonymous.view).toBe("anonymous");
    expect(JSON.stringify(anonymous)).not.toContain(browser.ip);
    expect(anonymous).not.toHaveProperty("loginName");
  });

  it("the helpdesk procedure refuses people who are not staff", async () => {
    const { correlationId } = await atFactorStep();
    const person = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    const refused = await person.call("help.diagnoseAsAgent", { correlationId }, { method: "GET" });
    expect(refused.status).toBe(403);
    const agent = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true, role: "agent" }));
    const seen = await agent.call("help.diagnoseAsAgent", { correlationId }, { method: "GET" });
    expect(seen.body.result!.data).toMatchObject({ found: true, view: "helpdesk", loginName: expect.any(String) });
  });

  it("a malformed correlation ID is INPUT_INVALID", async () => {
    const response = await new Browser().call("help.diagnose", { correlationId: "not-an-id" }, { method: "GET" });
    expect(response.status).toBe(400);
    expect(response.body.error!.data.appCode).toBe("INPUT_INVALID");
  });
});
