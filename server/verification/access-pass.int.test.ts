import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { accessPasses, mfaMethods } from "@/db/schema";
import { moveClockForTests, now } from "../core/clock";
import { base32Decode } from "../crypto/base32";
import { queuedEmails } from "@/test/delivery";
import { personWithTicket, signedInAgent, verifiedCaller } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { completeSignIn } from "./complete-sign-in";
import { totpCodeAt } from "./methods/totp/verify-totp-code";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

/** The helpdesk verifies the caller and takes one action that issues a pass; returns the emailed pass. */
async function passFromHelpdesk(action: "safe_reset" | "issue_access_pass") {
  const { person, mobile, reference, browser } = await personWithTicket();
  const { browser: desk } = await signedInAgent();
  const verificationId = await verifiedCaller(desk, reference, mobile);
  const done = await desk.call("helpdesk.reset", { reference, action, verificationId });
  expect(done.status).toBe(200);
  expect(JSON.stringify(done.body)).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  const [mail] = await queuedEmails({ personId: person.id, template: "access_pass_issued" });
  const pass = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(mail!.body)![1]!;
  return { person, pass, reference, desk, mobile, oldBrowser: browser };
}

/** The new authenticator: begin registration and confirm it with its first code; the sign-in completes. */
async function enrolApp(browser: Browser) {
  const setup = (await browser.call("signIn.beginRegistration", {})).body.result!.data as { methodId: string; manualKey: string };
  const seed = base32Decode(setup.manualKey)!;
  const code = await totpCodeAt({ secret: seed, algorithm: "sha1", digits: 6, period: 30 }, now());
  const done = await browser.call("signIn.confirmRegistration", { methodId: setup.methodId, code });
  expect(done.status).toBe(200);
  const step = done.body.result!.data as { attemptId: string; completionToken: string };
  const session = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo());
  await browser.adoptSession(session!.sessionId, session!.personId);
  return { methodId: setup.methodId, code: (at = now()) => totpCodeAt({ secret: seed, algorithm: "sha1", digits: 6, period: 30 }, at) };
}

describe("temporary access pass", () => {
  it("after a safe reset: the emailed pass lets the person enrol a new authenticator, once", async () => {
    const { person, pass } = await passFromHelpdesk("safe_reset");
    const db = await getDb();
    const [stored] = await db.select().from(accessPasses).where(eq(accessPasses.personId, person.id));
    expect(stored!.passHash).not.toContain(pass);
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(60 * 60_000);

    const browser = new Browser();
    const started = await browser.call("signIn.password", { username: person.username, password: person.password });
    expect(started.body.result!.data).toMatchObject({ status: "pass" });
    // A pass never signs anyone in by itself: the code step is closed, the pass leads to registration.
    expect(appCode(await browser.call("signIn.code", { code: await person.code() }))).toBe("SIGN_IN_ATTEMPT_EXPIRED");
    const typed = pass.toLowerCase().replace(/-/g, " ");
    expect((await browser.call("signIn.pass", { pass: typed })).body.result!.data).toEqual({ status: "register" });
    const { methodId } = await enrolApp(browser);
    const [method] = await db.select().from(mfaMethods).where(eq(mfaMethods.id, methodId));
    expect(method!.enrolledWithPassAt).not.toBeNull();

    // Used: the same pass never works again.
    const again = new Browser();
    await again.call("signIn.password", { username: person.username, password: person.password });
    await again.call("signIn.usePass", {});
    expect(appCode(await again.call("signIn.pass", { pass }))).toBe("MFA_PASS_INVALID");
  });

  it("a wrong pass counts toward the lockout; an expired pass does not work", async () => {
    const { person, pass } = await passFromHelpdesk("safe_reset");
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    for (let i = 0; i < 9; i++) expect(appCode(await browser.call("signIn.pass", { pass: "AAAA-BBBB-CCCC-DDDD" }))).toBe("MFA_PASS_INVALID");
    expect(appCode(await browser.call("signIn.pass", { pass: "AAAA-BBBB-CCCC-DDDD" }))).toBe("ACCOUNT_LOCKED");

    moveClockForTests(61 * 60_000);
    const later = new Browser();
    const started = await later.call("signIn.password", { username: person.username, password: person.password });
    // The pass has expired: no method and no usable pass, so the password alone gets nowhere.
    expect(appCode(started)).toBe("MFA_REGISTRATION_NOT_ALLOWED");
    expect(pass).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  });

  it("one active pass per person: a new one revokes the old", async () => {
    const { person, pass, reference, desk, mobile } = await passFromHelpdesk("issue_access_pass");
    moveClockForTests(5 * 60_000 + 1000); // past the five texts in five minutes
    const verificationId = await verifiedCaller(desk, reference, mobile);
    expect((await desk.call("helpdesk.reset", { reference, action: "issue_access_pass", verificationId })).status).toBe(200);
    const db = await getDb();
    const active = await db
      .select()
      .from(accessPasses)
      .where(and(eq(accessPasses.personId, person.id), isNull(accessPasses.revokedAt)));
    expect(active).toHaveLength(1);
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    await browser.call("signIn.usePass", {});
    expect(appCode(await browser.call("signIn.pass", { pass }))).toBe("MFA_PASS_INVALID");
  });

  it("for 24 h a method enrolled with a pass cannot remove the older methods", async () => {
    const { person, pass } = await passFromHelpdesk("issue_access_pass");
    const browser = new Browser();
    expect((await browser.call("signIn.password", { username: person.username, password: person.password })).body.result!.data).toMatchObject({ status: "factor" });
    expect((await browser.call("signIn.usePass", {})).status).toBe(200);
    expect((await browser.call("signIn.pass", { pass })).status).toBe(200);
    const { methodId: newMethod, code: newAppCode } = await enrolApp(browser);
    const methods = (await browser.call("methods.list", {}, { method: "GET" })).body.result!.data as Array<{ id: string; kind: string }>;
    const older = methods.filter((m) => m.id !== newMethod);
    expect(older.length).toBe(2);
    for (const m of older) expect(appCode(await browser.call("methods.remove", { methodId: m.id }))).toBe("MFA_PASS_METHOD_TOO_NEW");
    moveClockForTests(24 * 3600_000 + 1000);
    // A day later, signed in with the new app, the old ones may go.
    const dayLater = new Browser();
    await dayLater.call("signIn.password", { username: person.username, password: person.password });
    const step = (await dayLater.call("signIn.code", { code: await newAppCode() })).body.result!.data as { attemptId: string; completionToken: string };
    const session = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, dayLater.requestInfo());
    await dayLater.adoptSession(session!.sessionId, session!.personId);
    expect((await dayLater.call("methods.remove", { methodId: older[0]!.id })).status).toBe(200);
  });
});
