import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaMethods, recoveryCodes, signInEvents } from "@/db/schema";
import { queuedEmails } from "@/test/delivery";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { now } from "../../../core/clock";
import { RESET_PLANS } from "../../../helpdesk/reset-plans";
import { spendRecoveryCode } from "./recovery-codes";
import { retireMethods } from "../registry";
import { explainCorrelation } from "../../../diagnosis/diagnose-sign-in";
import { factorStepState } from "../../sign-in-factor";

type Result = { status: number; body: { result?: { data: unknown }; error?: { data: Record<string, unknown> } } };
const appCode = (r: Result) => r.body.error?.data.appCode;
const data = <T>(r: Result) => r.body.result!.data as T;

/** A person with an app and a fresh set of recovery codes (made from security info). */
async function personWithCodes() {
  const person = await createTestPerson({ policy: "strict", authenticator: true });
  const browser = await signedInWithCode(person);
  const made = data<{ codes: string[] }>(await browser.call("methods.generateRecoveryCodes", {}));
  return { person, codes: made.codes, browser };
}

async function atCodeStep(person: { username: string; password: string }) {
  const browser = new Browser();
  await browser.call("signIn.password", { username: person.username, password: person.password });
  const state = await factorStepState(browser.requestInfo());
  return { browser, state };
}

describe("signing in with a recovery code", () => {
  it("offered last under 'sign in another way'; a code signs in once, the person is told, and the same code then gives MFA_RECOVERY_CODE_USED", async () => {
    const { person, codes } = await personWithCodes();
    const first = await atCodeStep(person);
    expect(first.state.options.map((o) => o.channel)).toEqual(["totp", "recovery_code"]);
    expect(first.state.selected?.channel).toBe("totp");
    const option = first.state.options.find((o) => o.channel === "recovery_code")!;
    expect(data(await first.browser.call("signIn.chooseMethod", { methodId: option.methodId, channel: "recovery_code" }))).toMatchObject({ channel: "recovery_code" });
    expect((await first.browser.call("signIn.code", { code: codes[3]!.toLowerCase() })).status).toBe(200);
    expect(await queuedEmails({ personId: person.id, template: "recovery_code_used" })).toHaveLength(1);

    const second = await atCodeStep(person);
    await second.browser.call("signIn.chooseMethod", { methodId: option.methodId, channel: "recovery_code" });
    const again = await second.browser.call("signIn.code", { code: codes[3]! });
    expect(appCode(again)).toBe("MFA_RECOVERY_CODE_USED");
    // The diagnosis explains it with when the code was used, and the fix.
    const db = await getDb();
    const correlationId = second.state.correlationId;
    const events = await db.select().from(signInEvents).where(eq(signInEvents.correlationId, correlationId));
    expect(events.some((e) => e.code === "MFA_RECOVERY_CODE_USED" && e.method === "recovery_code")).toBe(true);
    const explained = await explainCorrelation(db, correlationId);
    expect(explained?.finding).toMatchObject({ finding: "recovery_code_used", wizard: "lost-phone" });
    // Another code of the list still works.
    expect((await second.browser.call("signIn.code", { code: codes[4]! })).status).toBe(200);
  });

  it("wrong recovery codes count toward the shared lockout like any second factor", async () => {
    const { person, codes } = await personWithCodes();
    const { browser, state } = await atCodeStep(person);
    const option = state.options.find((o) => o.channel === "recovery_code")!;
    await browser.call("signIn.chooseMethod", { methodId: option.methodId, channel: "recovery_code" });
    const answers: unknown[] = [];
    for (let i = 0; i < 10; i++) answers.push(appCode(await browser.call("signIn.code", { code: `${codes[0]!.slice(0, -1)}${codes[0]!.endsWith("Z") ? "Y" : "Z"}` })));
    expect(answers.slice(0, 9).every((c) => c === "MFA_CODE_INVALID")).toBe(true);
    expect(answers[9]).toBe("ACCOUNT_LOCKED");
    // Locked (the attempt ended with the lock): a right code is refused unchecked, and it is not spent.
    expect(["ACCOUNT_LOCKED", "SIGN_IN_ATTEMPT_EXPIRED"]).toContain(appCode(await browser.call("signIn.code", { code: codes[0]! })));
    const unused = await (await getDb())
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.personId, person.id), isNull(recoveryCodes.usedAt)));
    expect(unused).toHaveLength(10);
  });

  it("confirms it's you in a signed-in session (step-up), and is spent by it", async () => {
    const { codes, browser } = await personWithCodes();
    const options = data<{ options: Array<{ channel: string }> }>(await browser.call("methods.stepUpOptions", {}, { method: "GET" }));
    expect(options.options.map((o) => o.channel)).toContain("recovery_code");
    expect((await browser.call("methods.confirmIdentity", { code: codes[5]!, channel: "recovery_code" })).status).toBe(200);
    expect(appCode(await browser.call("methods.confirmIdentity", { code: codes[5]!, channel: "recovery_code" }))).toBe("MFA_RECOVERY_CODE_USED");
  });

  it("the helpdesk's safe reset clears them: its plan retires every kind, and no code of the old list is a way in", async () => {
    const { person, codes } = await personWithCodes();
    expect(RESET_PLANS.safe_reset.retireMethods).toBe("all");
    const db = await getDb();
    const retired = await db.transaction((tx) => retireMethods(tx, { personId: person.id, at: now(), kinds: RESET_PLANS.safe_reset.retireMethods }));
    expect(retired.byKind).toMatchObject({ recovery_code: 1 });
    const sets = await db
      .select()
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "recovery_code")));
    expect(sets.every((s) => s.removedAt !== null)).toBe(true);
    expect(await spendRecoveryCode(db, { personId: person.id, typed: codes[0]!, at: now() })).toEqual({ kind: "wrong" });
  });
});

describe("recovery codes alone are not 'has a method' at the password step", () => {
  /** Someone left with only recovery codes (their app retired, say by an administrator before this rule). */
  async function onlyCodesLeft(policy: "strict" | "lenient") {
    const person = await createTestPerson({ policy, authenticator: true });
    const browser = await signedInWithCode(person);
    data<{ codes: string[] }>(await browser.call("methods.generateRecoveryCodes", {}));
    const db = await getDb();
    await db.transaction((tx) => retireMethods(tx, { personId: person.id, at: now(), kinds: ["totp"] }));
    return person;
  }

  it("required by the policy: no code step on recovery codes alone; the enrolment rule decides (blocked after having had a method)", async () => {
    const person = await onlyCodesLeft("strict");
    const refused = await new Browser().call("signIn.password", { username: person.username, password: person.password });
    expect(appCode(refused)).toBe("MFA_REGISTRATION_NOT_ALLOWED");
  });

  it("not required by the policy: the password is enough, as for anyone without a method", async () => {
    const person = await onlyCodesLeft("lenient");
    const step = await new Browser().call("signIn.password", { username: person.username, password: person.password });
    expect(data<{ status: string }>(step).status).toBe("completed");
  });
});
