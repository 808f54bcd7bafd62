import { and, desc, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, mfaMethods, simulatedInbox } from "@/db/schema";
import { drainOutbox } from "@/test/delivery";
import { base32Decode } from "../crypto/base32";
import { moveClockForTests, now } from "../core/clock";
import { translate } from "../i18n/translate";
import { completeSignIn } from "../verification/complete-sign-in";
import { totpCodeAt } from "../verification/methods/totp/verify-totp-code";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

async function addAuthenticator(browser: Browser) {
  const setup = (await browser.call("methods.beginAuthenticator", {})).body.result!.data as { methodId: string; manualKey: string };
  const seed = base32Decode(setup.manualKey)!;
  const code = await totpCodeAt({ secret: seed, algorithm: "sha1", digits: 6, period: 30 }, now());
  return browser.call("methods.confirmAuthenticator", { methodId: setup.methodId, code });
}

describe("security info: methods", () => {
  it("lists methods without secrets, and recent sign-ins with correlation IDs", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    const methods = await browser.call("methods.list", undefined, { method: "GET" });
    expect(methods.body.result!.data).toEqual([expect.objectContaining({ kind: "totp", labelKey: "totp", detail: null, nickname: null })]);
    expect(JSON.stringify(methods.body)).not.toMatch(/secret|envelope|sb1\./i);
    const recent = (await browser.call("methods.recentSignIns", undefined, { method: "GET" })).body.result!.data as Array<{ outcome: string; correlationId: string }>;
    expect(recent[0]).toMatchObject({ outcome: "signed_in" });
  });

  it("adding an authenticator needs a second factor from the last 10 minutes", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    moveClockForTests(11 * 60_000);
    expect(appCode(await browser.call("methods.beginAuthenticator", {}))).toBe("MFA_FRESH_FACTOR_REQUIRED");
    moveClockForTests(30_000);
    expect((await browser.call("methods.confirmIdentity", { code: await person.code() })).status).toBe(200);
    expect((await addAuthenticator(browser)).status).toBe(200);
    expect(((await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as unknown[]).length).toBe(2);
  });

  it("a password-only session cannot add a method for a person who already had one", async () => {
    const person = await createTestPerson({ policy: "lenient", authenticator: false });
    const browser = new Browser();
    const step = (await browser.call("signIn.password", { username: person.username, password: person.password })).body.result!.data as {
      attemptId: string;
      completionToken: string;
    };
    const session = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo());
    await browser.adoptSession(session!.sessionId, session!.personId);
    // Never had a method, within the onboarding window: the password session may add the first one.
    expect((await addAuthenticator(browser)).status).toBe(200);
    // Now that one exists, a second needs a fresh second factor (this session has none).
    expect(appCode(await browser.call("methods.beginAuthenticator", {}))).toBe("MFA_FRESH_FACTOR_REQUIRED");
  });

  it("the last method cannot be removed while the policy requires two-step verification; others can, audited", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    const [only] = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string }>;
    expect(appCode(await browser.call("methods.remove", { methodId: only!.id }))).toBe("MFA_LAST_METHOD");
    await addAuthenticator(browser);
    expect((await browser.call("methods.remove", { methodId: only!.id })).status).toBe(200);
    const db = await getDb();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["method.added", "method.removed"]);
    // Removing someone else's method is not found, not forbidden-with-details.
    const other = await createTestPerson({ policy: "strict", authenticator: true });
    const otherBrowser = await signedInWithCode(other);
    const [theirs] = (await otherBrowser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string }>;
    expect(appCode(await browser.call("methods.remove", { methodId: theirs!.id }))).toBe("NOT_FOUND");
  });

  it("recovery codes are a last resort: they do not let someone remove their last other method (a coded refusal in nl and en); they can go themselves", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    expect((await browser.call("methods.generateRecoveryCodes", {})).status).toBe(200);
    const listed = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string; kind: string }>;
    const app = listed.find((m) => m.kind === "totp")!;
    const codes = listed.find((m) => m.kind === "recovery_code")!;

    for (const [locale, message] of [
      ["nl", translate("nl", "errors.MFA_LAST_RESORT_ONLY.message")],
      ["en", translate("en", "errors.MFA_LAST_RESORT_ONLY.message")],
    ] as const) {
      const refused = await browser.call("methods.remove", { methodId: app.id }, { headers: { "x-tweestap-locale": locale } });
      expect(appCode(refused)).toBe("MFA_LAST_RESORT_ONLY");
      expect((refused.body as { error?: { message: string } }).error?.message).toBe(message);
    }
    expect(translate("nl", "errors.MFA_LAST_RESORT_ONLY.message")).not.toBe(translate("en", "errors.MFA_LAST_RESORT_ONLY.message"));
    const db = await getDb();
    expect(
      (
        await db
          .select()
          .from(mfaMethods)
          .where(and(eq(mfaMethods.id, app.id), isNull(mfaMethods.removedAt)))
      ).length,
    ).toBe(1);

    // The codes themselves may go (the app is still there); then the app is the last method.
    expect((await browser.call("methods.remove", { methodId: codes.id })).status).toBe(200);
    expect(appCode(await browser.call("methods.remove", { methodId: app.id }))).toBe("MFA_LAST_METHOD");
  });

  it("removing a phone ends what it already had: a sign-in code it was sent no longer signs in", async () => {
    const mobile = `+3161${String(Number(process.env.VITEST_POOL_ID ?? 1) + 10).padStart(2, "0")}${String(Date.now() % 100000).padStart(5, "0")}`;
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
    const owner = await signedInWithCode(person);
    // Someone else, with the password and this phone, is at the code step and has been sent a code.
    const other = new Browser();
    await other.call("signIn.password", { username: person.username, password: person.password });
    const { factorStepState } = await import("../verification/sign-in-factor");
    const sms = (await factorStepState(other.requestInfo())).options.find((o) => o.channel === "sms")!;
    await other.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    await drainOutbox();
    const db = await getDb();
    const [text] = await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, mobile)).orderBy(desc(simulatedInbox.id));
    const code = /\b(\d{6})\b/.exec(text!.body)![1]!;

    expect((await owner.call("methods.remove", { methodId: sms.methodId })).status).toBe(200);
    expect(appCode(await other.call("signIn.code", { code }))).toBe("MFA_CODE_EXPIRED");
  });
});
