import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, mfaMethods, phoneNumbers, wizardRuns, wizardRunSteps } from "@/db/schema";
import { optionalSession } from "../auth/require-session";
import { moveClockForTests, now } from "../core/clock";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { runChecks } from "./checks";
import { notPromptedReason } from "./not-prompted";
import { answerWizardStep, runByToken, startWizardRun } from "./wizard-runs";

async function reasonFor(browser: Browser) {
  return notPromptedReason({ session: await optionalSession(browser.cookieHeader()), cookieHeader: browser.cookieHeader() });
}

async function signedInWithPasswordOnly(person: { username: string; password: string }) {
  const browser = new Browser();
  const step = await browser.call("signIn.password", { username: person.username, password: person.password });
  const done = step.body.result!.data as { status: string; attemptId: string; completionToken: string };
  expect(done.status).toBe("completed");
  const { completeSignIn } = await import("../verification/complete-sign-in");
  const session = await completeSignIn({ attemptId: done.attemptId, completionToken: done.completionToken }, browser.requestInfo());
  await browser.adoptSession(session!.sessionId, session!.personId);
  return browser;
}

describe("\"I wasn't asked for a code\" names the person's actual reason", () => {
  it("policy does not require it, and no method registered: the password was enough", async () => {
    const person = await createTestPerson({ policy: "lenient" });
    expect(await reasonFor(await signedInWithPasswordOnly(person))).toEqual({ reason: "policy_not_required" });
  });

  it("never registered: asked to register a method instead of for a code (this browser's sign-in)", async () => {
    const person = await createTestPerson({ policy: "strict" });
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    expect(await reasonFor(browser)).toEqual({ reason: "never_registered" });
  });

  it("never registered and the onboarding window is over: the helpdesk must help", async () => {
    const person = await createTestPerson({ policy: "strict", createdAt: new Date(now().getTime() - 40 * 86_400_000) });
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    expect(await reasonFor(browser)).toEqual({ reason: "registration_closed" });
  });

  it("a session still valid: when they gave their code, with what, and until when the session lasts", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    moveClockForTests(20 * 60_000);
    const reason = await reasonFor(browser);
    expect(reason).toMatchObject({ reason: "session_still_valid", method: "totp" });
    const { signedInAt, validUntil } = reason as { signedInAt: string; validUntil: string };
    expect(Date.parse(validUntil) - Date.parse(signedInAt)).toBe(12 * 3600_000);
  });

  it("a stranger's browser learns nothing; a wrong password learns nothing", async () => {
    const person = await createTestPerson({ policy: "strict" });
    expect(await reasonFor(new Browser())).toEqual({ reason: "unknown" });
    const wrong = new Browser();
    await wrong.call("signIn.password", { username: person.username, password: "not the password at all" });
    expect(await reasonFor(wrong)).toEqual({ reason: "unknown" });
  });
});

describe("wizard runs", () => {
  it("resumable by link, each step logged; a run started signed in is that person's alone", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const { token, run } = await startWizardRun({ wizard: "new-number", prefill: {}, locale: "nl", personId: person.id });
    expect(run.step).toBe("old_number");
    const db = await getDb();
    await expect(runByToken(db, token, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await createTestPerson({ policy: "strict" });
    await expect(runByToken(db, token, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const moved = await answerWizardStep({ token, step: "old_number", choice: "have_old", personId: person.id });
    expect(moved.step).toBe("change");
    // The same answer again (a second tab, the back button) changes nothing.
    expect((await answerWizardStep({ token, step: "old_number", choice: "old_gone", personId: person.id })).step).toBe("change");
    await expect(answerWizardStep({ token, step: "change", choice: "nonsense", personId: person.id })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    const solved = await answerWizardStep({ token, step: "change", choice: "solved", personId: person.id });
    expect(solved).toMatchObject({ outcome: "resolved" });
    const steps = await db.select().from(wizardRunSteps).where(eq(wizardRunSteps.runId, run.id));
    expect(steps.map((s) => `${s.step}=${s.answer}`)).toEqual(["start=new-number", "old_number=have_old", "change=solved"]);
  });

  it("opening a run's link changes nothing; answering it signed in makes an anonymous run the person's and the lost-phone wizard goes on to securing", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const { token, run } = await startWizardRun({ wizard: "lost-phone", prefill: {}, locale: "en", personId: null });
    expect(run.step).toBe("other_way");
    const db = await getDb();
    const stored = async () => (await db.select().from(wizardRuns).where(eq(wizardRuns.id, run.id)))[0]!;
    const logged = async () => (await db.select().from(wizardRunSteps).where(eq(wizardRunSteps.runId, run.id)).orderBy(wizardRunSteps.id)).map((s) => `${s.step}=${s.answer}`);

    // A GET (the run page) shows the step it goes on to, but the run stays anonymous and unmoved:
    // whoever holds the link still has it, and a second person who opens it takes nothing.
    expect(await runByToken(db, token, person.id)).toMatchObject({ personId: null, step: "secure" });
    const other = await createTestPerson({ policy: "strict" });
    expect(await runByToken(db, token, other.id)).toMatchObject({ personId: null, step: "secure" });
    expect(await runByToken(db, token, null)).toMatchObject({ personId: null, step: "other_way" });
    expect(await stored()).toMatchObject({ personId: null, step: "other_way", updatedAt: run.updatedAt });
    expect(await logged()).toEqual(["start=lost-phone"]);

    // The answer (a POST) records the move and makes the run the person's.
    const answered = await answerWizardStep({ token, step: "secure", choice: "done", personId: person.id });
    expect(answered).toMatchObject({ personId: person.id, step: "afterwards" });
    expect(await stored()).toMatchObject({ personId: person.id, step: "afterwards" });
    expect(await logged()).toEqual(["start=lost-phone", "other_way=signed_in", "secure=done"]);
    await expect(runByToken(db, token, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(runByToken(db, token, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(answerWizardStep({ token, step: "afterwards", choice: "solved", personId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const signedIn = await startWizardRun({ wizard: "lost-phone", prefill: {}, locale: "en", personId: person.id });
    expect(signedIn.run.step).toBe("secure");
  });

  it("an invalid answer signed in neither takes an anonymous run nor moves it", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const { token, run } = await startWizardRun({ wizard: "lost-phone", prefill: {}, locale: "nl", personId: null });
    await expect(answerWizardStep({ token, step: "secure", choice: "nonsense", personId: person.id })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    // An answer for the step the run is stored on, signed in, is one the run no longer shows: nothing happens.
    expect(await answerWizardStep({ token, step: "other_way", choice: "no_other_way", personId: person.id })).toMatchObject({ personId: null, step: "secure" });
    const db = await getDb();
    expect((await db.select().from(wizardRuns).where(eq(wizardRuns.id, run.id)))[0]).toMatchObject({ personId: null, step: "other_way" });
  });
});

describe("lost or stolen phone", () => {
  it("removes every method on the phone and signs out every other session; the one in use stays", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: "+31611100001" });
    const db = await getDb();
    const [alternate] = await db.insert(mfaMethods).values({ personId: person.id, kind: "phone", label: "Alternate phone", createdAt: now(), confirmedAt: now() }).returning();
    await db.insert(phoneNumbers).values({ methodId: alternate!.id, e164: "+31201234567", country: "NL", role: "alternate", verifiedAt: now() });
    const elsewhere = await signedInWithCode(person);
    moveClockForTests(30_000); // the next code: a code works once
    const here = await signedInWithCode(person);
    const session = (await optionalSession(here.cookieHeader()))!;
    const [check] = await runChecks(["lost_phone_methods"], { session, cookieHeader: here.cookieHeader(), prefill: {} });
    const onPhone = (check as { methods: Array<{ id: string; labelKey: string }> }).methods;
    expect(onPhone.map((m) => m.labelKey).sort()).toEqual(["mobile", "totp"]);
    const response = await here.call("methods.secureLostPhone", { methodIds: onPhone.map((m) => m.id) });
    // It says what it removed: each method by its label and masked number, never the number itself.
    expect(response.body.result!.data).toMatchObject({
      removed: 2,
      sessionsEnded: 1,
      removedMethods: expect.arrayContaining([
        expect.objectContaining({ labelKey: "totp", detail: null }),
        expect.objectContaining({ labelKey: "mobile", detail: expect.stringMatching(/01$/) }),
      ]),
    });
    expect(JSON.stringify(response.body)).not.toContain("611100001");
    expect((await elsewhere.call("session.me", {}, { method: "GET" })).status).toBe(401);
    expect((await here.call("session.me", {}, { method: "GET" })).status).toBe(200);
    const left = await here.call("methods.list", {}, { method: "GET" });
    expect((left.body.result!.data as Array<{ id: string }>).map((m) => m.id)).toEqual([alternate!.id]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id));
    expect(audit.filter((a) => a.action === "lost_phone.secured")).toHaveLength(1);
  });

  it("needs a fresh second factor, and keeps the last method when the policy requires one", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    const [method] = (await browser.call("methods.list", {}, { method: "GET" })).body.result!.data as Array<{ id: string }>;
    const last = await browser.call("methods.secureLostPhone", { methodIds: [method!.id] });
    expect(last.body.error!.data.appCode).toBe("MFA_LAST_METHOD");
    moveClockForTests(11 * 60_000);
    const stale = await browser.call("methods.secureLostPhone", { methodIds: [method!.id] });
    expect(stale.body.error!.data.appCode).toBe("MFA_FRESH_FACTOR_REQUIRED");
  });
});
