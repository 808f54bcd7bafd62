import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, factorFailures, outboxMessages, pushChallenges, pushDevices, sessions, signInEvents, tickets } from "@/db/schema";
import { moveClockForTests } from "@/server/core/clock";
import { explainCorrelation } from "@/server/diagnosis/diagnose-sign-in";
import { setPolicy } from "@/server/policy/policy";
import { completeSignIn } from "@/server/verification/complete-sign-in";
import { factorStepState } from "@/server/verification/sign-in-factor";
import { Browser } from "@/test/http";
import { newCompanion, personWithPush, type PushPerson } from "@/test/push";
import type { OpenRequest } from "@/test/support/companion";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;
const poll = (browser: Browser) => browser.call("signIn.awaitedStatus", {});
/** Another number of the same length than the one shown. */
const otherThan = (digits: string) => String(((Number(digits) - 10 + 1) % 90) + 10);

/** The password step in a new browser, then "send a request to my app": what the sign-in page shows. */
async function pushSignIn(who: PushPerson, browser = new Browser(), options: { passwordDone?: boolean } = {}) {
  if (!options.passwordDone) await browser.call("signIn.password", { username: who.person.username, password: who.person.password });
  const chosen = await browser.call("signIn.chooseMethod", { methodId: who.pushMethodId, channel: "push" });
  const shown = chosen.body.result?.data as { matchNumber: string; expiresInSeconds: number } | undefined;
  return { browser, chosen, matchNumber: shown?.matchNumber ?? "", expiresInSeconds: shown?.expiresInSeconds ?? 0 };
}

/** What the phone shows: the one open request. */
async function onThePhone(who: PushPerson): Promise<OpenRequest> {
  const listed = await who.companion.requests();
  expect(listed.status).toBe(200);
  expect(listed.requests).toHaveLength(1);
  return listed.requests[0]!;
}

async function failuresOf(personId: string) {
  const db = await getDb();
  return db.select().from(factorFailures).where(eq(factorFailures.personId, personId));
}

async function eventsOf(personId: string) {
  const db = await getDb();
  return db.select().from(signInEvents).where(eq(signInEvents.personId, personId)).orderBy(asc(signInEvents.id));
}

// The worker's database opens and migrates here (the hook's longer timeout), not in the first test.
beforeAll(async () => {
  await getDb();
});

describe("signing in with a push (number matching)", () => {
  it("the push is the first way offered to whoever has it, and the page gets a 2-digit number the phone never sees", async () => {
    const who = await personWithPush();
    const browser = new Browser(undefined, "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
    await browser.call("signIn.password", { username: who.person.username, password: who.person.password });
    expect((await factorStepState(browser.requestInfo())).selected).toMatchObject({ methodId: who.pushMethodId, channel: "push", labelKey: "push" });
    const { matchNumber, expiresInSeconds } = await pushSignIn(who, browser, { passwordDone: true });
    expect(matchNumber).toMatch(/^[1-9][0-9]$/);
    expect(expiresInSeconds).toBe(120);
    const request = await onThePhone(who);
    expect(request).toMatchObject({ organisation: "Test strict", app: "Tweestap", ip: browser.ip, browser: "Firefox (Linux)", numberLength: 2 });
    expect(JSON.stringify(request)).not.toContain(`"${matchNumber}"`);
    const db = await getDb();
    const [stored] = await db.select().from(pushChallenges).where(eq(pushChallenges.id, request.challengeId));
    expect(stored!.numberHash).toMatch(/^h1:/);
    expect(stored!.numberHash).not.toContain(matchNumber);
  });

  it("approved with the right number: the waiting page completes by polling; the session says how (swk, mca); the approval works once", async () => {
    const who = await personWithPush();
    const { browser, matchNumber } = await pushSignIn(who);
    expect((await poll(browser)).body.result!.data).toEqual({ status: "waiting", state: "sent" });
    const request = await onThePhone(who);
    expect((await poll(browser)).body.result!.data).toEqual({ status: "waiting", state: "shown" });
    const approved = await who.companion.answer(request, "approve", matchNumber);
    expect(approved).toEqual({ status: 200, body: { status: "approved" } });

    const done = await poll(browser);
    expect(done.body.result!.data).toMatchObject({ status: "completed" });
    const step = done.body.result!.data as { attemptId: string; completionToken: string };
    const session = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo(), browser.setCookieFn());
    const db = await getDb();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, session!.sessionId));
    expect(row!.amr).toEqual(["pwd", "swk", "mca", "mfa"]);
    // Consumed once: the approval cannot complete anything again.
    const [challenge] = await db.select().from(pushChallenges).where(eq(pushChallenges.id, request.challengeId));
    expect(challenge!.consumedAt).not.toBeNull();
    expect(appCode(await poll(browser))).toBe("SIGN_IN_ATTEMPT_EXPIRED");
    // Delivery status in the sign-in's events: sent to the app, shown on the phone, answered.
    const deliveries = (await eventsOf(who.person.id)).filter((e) => e.step === "delivery" && e.method === "push");
    expect(deliveries.map((e) => e.detail?.status)).toEqual(["notified", "shown", "answered"]);
    expect(await failuresOf(who.person.id)).toHaveLength(0);
  });

  it("a wrong number approves nothing: MFA_PUSH_WRONG_NUMBER, counted toward the lockout once", async () => {
    const who = await personWithPush();
    const { browser, matchNumber } = await pushSignIn(who);
    const request = await onThePhone(who);
    const refused = await who.companion.answer(request, "approve", otherThan(matchNumber));
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe("MFA_PUSH_WRONG_NUMBER");
    // Counted as it happened, before the page asks, and not again when it does (twice).
    expect(await failuresOf(who.person.id)).toHaveLength(1);
    expect(appCode(await poll(browser))).toBe("MFA_PUSH_WRONG_NUMBER");
    expect(appCode(await poll(browser))).toBe("MFA_PUSH_WRONG_NUMBER");
    expect(await failuresOf(who.person.id)).toHaveLength(1);
    // The sign-in goes on: a new request can be sent.
    const again = await browser.call("signIn.chooseMethod", { methodId: who.pushMethodId, channel: "push" });
    expect(again.status).toBe(200);
  });

  it("deny ends the sign-in: MFA_PUSH_DENIED, and no other way can be tried on it; not counted", async () => {
    const who = await personWithPush();
    const { browser } = await pushSignIn(who);
    const request = await onThePhone(who);
    expect(await who.companion.answer(request, "deny")).toEqual({ status: 200, body: { status: "denied" } });
    expect(appCode(await poll(browser))).toBe("MFA_PUSH_DENIED");
    expect(appCode(await browser.call("signIn.code", { code: who.companion.code() }))).toBe("SIGN_IN_ATTEMPT_EXPIRED");
    expect(await failuresOf(who.person.id)).toHaveLength(0);
    const failed = (await eventsOf(who.person.id)).filter((e) => e.result === "failure");
    expect(failed.map((e) => e.code)).toEqual(["MFA_PUSH_DENIED"]);
  });

  it('"It wasn\'t me": the sign-in ends, push on that phone is suspended, an audit row, an email and a high-priority ticket with the sign-in attached', async () => {
    const who = await personWithPush();
    const { browser } = await pushSignIn(who);
    const request = await onThePhone(who);
    const reported = await who.companion.answer(request, "report");
    expect(reported.status).toBe(200);
    expect(reported.body.status).toBe("reported");
    expect(reported.body.reference).toMatch(/^TS-\d{6}$/);
    expect(appCode(await poll(browser))).toBe("MFA_PUSH_REPORTED");

    const db = await getDb();
    const [device] = await db.select().from(pushDevices).where(eq(pushDevices.methodId, who.pushMethodId));
    expect(device!.suspendedAt).not.toBeNull();
    expect(device!.suspendedReason).toBe("reported");
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, who.person.id), eq(auditEvents.action, "method.fraud_reported")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail).toMatchObject({ methodId: who.pushMethodId, challengeId: request.challengeId, channel: "push" });
    const [mail] = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.personId, who.person.id), eq(outboxMessages.template, "push_reported")));
    expect(mail).toMatchObject({ channel: "email" });
    const [ticket] = await db.select().from(tickets).where(eq(tickets.personId, who.person.id));
    expect(ticket).toMatchObject({ category: "suspicious_sign_in", priority: "high", errorCode: "MFA_PUSH_REPORTED", submittedBy: "person" });
    expect(ticket!.correlationId).not.toBeNull();
    expect((ticket!.diagnosis as { finding: { finding: string } }).finding.finding).toBe("push_reported");

    // Suspended: the phone lists nothing, and push is not offered at the next sign-in.
    expect(await who.companion.requests()).toMatchObject({ status: 200, requests: [], suspended: true });
    const next = new Browser();
    await next.call("signIn.password", { username: who.person.username, password: who.person.password });
    expect(appCode(await next.call("signIn.chooseMethod", { methodId: who.pushMethodId, channel: "push" }))).toBe("NOT_FOUND");
  });

  it("no answer in 120 s (moved clock): MFA_PUSH_TIMEOUT, counted once; a late answer is refused", async () => {
    const who = await personWithPush();
    const { browser, matchNumber } = await pushSignIn(who);
    const request = await onThePhone(who);
    moveClockForTests(121_000);
    expect(appCode(await poll(browser))).toBe("MFA_PUSH_TIMEOUT");
    expect(appCode(await poll(browser))).toBe("MFA_PUSH_TIMEOUT");
    expect(await failuresOf(who.person.id)).toHaveLength(1);
    const late = await who.companion.answer(request, "approve", matchNumber);
    expect(late.status).toBe(409);
    expect(late.body.error?.code).toBe("MFA_PUSH_REQUEST_CLOSED");
    expect((await who.companion.requests()).requests).toEqual([]);
  });

  it("the answer time and the number's length follow the policy", async () => {
    const who = await personWithPush();
    await setPolicy(await getDb(), who.person.organisationId, { pushNumberDigits: 4, pushTimeoutSeconds: 60 });
    try {
      const { matchNumber, expiresInSeconds } = await pushSignIn(who);
      expect(matchNumber).toMatch(/^[1-9][0-9]{3}$/);
      expect(expiresInSeconds).toBe(60);
      expect((await onThePhone(who)).numberLength).toBe(4);
    } finally {
      await setPolicy(await getDb(), who.person.organisationId, { pushNumberDigits: 2, pushTimeoutSeconds: 120 });
    }
  });

  it("push fatigue: the fourth request within 10 minutes without a success is refused with MFA_PUSH_LIMIT and the minutes to wait", async () => {
    const who = await personWithPush();
    for (let i = 0; i < 3; i++) {
      const { chosen } = await pushSignIn(who);
      expect(chosen.status).toBe(200);
      moveClockForTests(60_000);
    }
    const fourth = await pushSignIn(who);
    expect(fourth.chosen.status).toBe(429);
    expect(appCode(fourth.chosen)).toBe("MFA_PUSH_LIMIT");
    expect(fourth.chosen.body.error!.data.params).toMatchObject({ minutes: 7 });
    expect(fourth.chosen.body.error!.message).toMatch(/7 min/);
    // The code from the app still works meanwhile.
    expect((await fourth.browser.call("signIn.code", { code: who.companion.code() })).body.result!.data).toMatchObject({ status: "completed" });
    // When the first request is 10 minutes old, a new one goes out.
    moveClockForTests(7 * 60_000);
    expect((await pushSignIn(who)).chosen.status).toBe(200);
  });

  it("an approval resets the fatigue count", async () => {
    const who = await personWithPush();
    await pushSignIn(who);
    await pushSignIn(who);
    const third = await pushSignIn(who);
    const open = (await who.companion.requests()).requests;
    expect(open).toHaveLength(3);
    expect((await who.companion.answer(open[2]!, "approve", third.matchNumber)).status).toBe(200);
    expect((await pushSignIn(who)).chosen.status).toBe(200);
  });

  it("a new request for the same sign-in closes the older one", async () => {
    const who = await personWithPush();
    const { browser, matchNumber: first } = await pushSignIn(who);
    const older = await onThePhone(who);
    const again = await browser.call("signIn.chooseMethod", { methodId: who.pushMethodId, channel: "push" });
    const newer = await onThePhone(who);
    expect(newer.challengeId).not.toBe(older.challengeId);
    expect((await who.companion.answer(older, "approve", first)).body.error?.code).toBe("MFA_PUSH_REQUEST_CLOSED");
    const second = (again.body.result!.data as { matchNumber: string }).matchNumber;
    expect((await who.companion.answer(newer, "approve", second)).status).toBe(200);
    expect((await poll(browser)).body.result!.data).toMatchObject({ status: "completed" });
  });
});

describe("a push answer is accepted once, from its own device, signed by its key, in time", () => {
  it("a replayed answer is refused", async () => {
    const who = await personWithPush();
    const { matchNumber } = await pushSignIn(who);
    const request = await onThePhone(who);
    let sent: Record<string, unknown> = {};
    expect((await who.companion.answer(request, "approve", matchNumber, (body) => (sent = body))).status).toBe(200);
    const replayed = await who.companion.sendAnswer(sent);
    expect(replayed.status).toBe(409);
    expect(replayed.body.error?.code).toBe("MFA_PUSH_REQUEST_CLOSED");
  });

  it("two answers at once: exactly one is taken", async () => {
    const who = await personWithPush();
    const { browser, matchNumber } = await pushSignIn(who);
    const request = await onThePhone(who);
    const answers = await Promise.all([who.companion.answer(request, "approve", matchNumber), who.companion.answer(request, "deny")]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const polled = await poll(browser);
    const won = answers.find((a) => a.status === 200)!.body.status;
    if (won === "approved") expect(polled.body.result!.data).toMatchObject({ status: "completed" });
    else expect(appCode(polled)).toBe("MFA_PUSH_DENIED");
  });

  it("an answer signed by another key is refused (MFA_DEVICE_SIGNATURE_INVALID) and changes nothing", async () => {
    const who = await personWithPush();
    const { browser, matchNumber } = await pushSignIn(who);
    const request = await onThePhone(who);
    const thief = await newCompanion();
    thief.deviceId = who.pushMethodId;
    const forged = await thief.answer(request, "approve", matchNumber);
    expect(forged.status).toBe(401);
    expect(forged.body.error?.code).toBe("MFA_DEVICE_SIGNATURE_INVALID");
    // A signature over other fields than those sent is refused the same way.
    const changed = await who.companion.answer(request, "deny", "", (body) => ({ ...body, decision: "approve", number: matchNumber }));
    expect(changed.body.error?.code).toBe("MFA_DEVICE_SIGNATURE_INVALID");
    expect((await poll(browser)).body.result!.data).toEqual({ status: "waiting", state: "shown" });
  });

  it("an answer for another device's request, or with another request's nonce, is refused", async () => {
    const a = await personWithPush();
    const b = await personWithPush();
    const signInA = await pushSignIn(a);
    const signInB = await pushSignIn(b);
    const requestA = await onThePhone(a);
    const requestB = await onThePhone(b);
    // b's phone answers a's request (signed properly, by b's own key).
    expect((await b.companion.answer(requestA, "approve", signInA.matchNumber)).body.error?.code).toBe("MFA_PUSH_REQUEST_CLOSED");
    // a's phone answers its own request with b's nonce.
    expect((await a.companion.answer({ challengeId: requestA.challengeId, nonce: requestB.nonce }, "approve", signInA.matchNumber)).body.error?.code).toBe(
      "MFA_PUSH_REQUEST_CLOSED",
    );
    expect((await poll(signInA.browser)).body.result!.data).toMatchObject({ status: "waiting" });
    expect((await poll(signInB.browser)).body.result!.data).toMatchObject({ status: "waiting" });
  });

  it("a request signed more than 5 minutes off our clock is refused (MFA_DEVICE_CLOCK_OFF), so an old signature cannot be sent again", async () => {
    const who = await personWithPush();
    const { matchNumber } = await pushSignIn(who);
    const request = await onThePhone(who);
    const clock = who.companion.clock;
    who.companion.clock = () => clock() - 6 * 60_000;
    const old = await who.companion.answer(request, "approve", matchNumber);
    expect(old.status).toBe(401);
    expect(old.body.error?.code).toBe("MFA_DEVICE_CLOCK_OFF");
    who.companion.clock = clock;
    expect((await who.companion.answer(request, "approve", matchNumber)).status).toBe(200);
  });

  it("after the device is removed, its requests are refused as not activated and the waiting sign-in fails with MFA_DEVICE_NOT_ACTIVATED (not counted)", async () => {
    const who = await personWithPush();
    const { browser, matchNumber } = await pushSignIn(who);
    const request = await onThePhone(who);
    expect((await who.browser.call("methods.remove", { methodId: who.pushMethodId })).status).toBe(200);
    const refused = await who.companion.answer(request, "approve", matchNumber);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe("MFA_DEVICE_NOT_ACTIVATED");
    expect(appCode(await poll(browser))).toBe("MFA_DEVICE_NOT_ACTIVATED");
    expect(await failuresOf(who.person.id)).toHaveLength(0);
  });

  it("staff sign in with push too (number matching is never optional for them)", async () => {
    const agent = await personWithPush({ role: "agent" });
    const { browser } = await pushSignIn(agent);
    // Approve alone, without the number, approves nothing.
    expect((await agent.companion.answer(await onThePhone(agent), "approve", "")).body.error?.code).toBe("MFA_PUSH_WRONG_NUMBER");
    const page = (await browser.call("signIn.chooseMethod", { methodId: agent.pushMethodId, channel: "push" })).body.result!.data as { matchNumber: string };
    expect((await agent.companion.answer(await onThePhone(agent), "approve", page.matchNumber)).status).toBe(200);
    expect((await poll(browser)).body.result!.data).toMatchObject({ status: "completed" });
  });
});

describe("what happened? names the push's cause and fix", () => {
  async function findingAfter(act: (who: PushPerson, request: OpenRequest, matchNumber: string) => Promise<void>) {
    const who = await personWithPush();
    const { browser, matchNumber } = await pushSignIn(who);
    const request = await onThePhone(who);
    await act(who, request, matchNumber);
    const polled = await poll(browser);
    const correlationId = polled.body.error?.data.correlationId as string;
    return (await explainCorrelation(await getDb(), correlationId))!;
  }

  it("denied, timed out (shown or never shown), wrong number, not activated", async () => {
    expect((await findingAfter(async (w, r) => void (await w.companion.answer(r, "deny")))).finding).toMatchObject({ finding: "push_denied", code: "MFA_PUSH_DENIED" });
    expect((await findingAfter(async () => moveClockForTests(121_000))).finding).toMatchObject({ finding: "push_timeout", code: "MFA_PUSH_TIMEOUT" });
    expect((await findingAfter(async (w, r, n) => void (await w.companion.answer(r, "approve", otherThan(n))))).finding).toMatchObject({ finding: "push_wrong_number" });
    expect((await findingAfter(async (w) => void (await w.browser.call("methods.remove", { methodId: w.pushMethodId })))).finding).toMatchObject({
      finding: "device_not_activated",
      wizard: "new-device",
    });
  });

  it("a request that never reached the phone is told apart from one left unanswered", async () => {
    const who = await personWithPush();
    const { browser } = await pushSignIn(who);
    moveClockForTests(121_000);
    const polled = await poll(browser);
    const diagnosis = (await explainCorrelation(await getDb(), polled.body.error?.data.correlationId as string))!;
    expect(diagnosis.finding).toMatchObject({ finding: "push_timeout_not_shown", wizard: "no-code" });
    expect(diagnosis.deliveries).toEqual([expect.objectContaining({ channel: "push", status: "notified" })]);
  });
});
