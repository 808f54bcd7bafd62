import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, factorLockouts, mfaMethods, outboxMessages, sessions, tickets } from "@/db/schema";
import { moveClockForTests, now } from "../core/clock";
import { open } from "../crypto/secret-box";
import { contentBinding } from "../delivery/enqueue";
import { hitBucket } from "../rate-limit/buckets";
import { parseTicketReference } from "../tickets/tickets.schemas";
import { factorStepState } from "../verification/sign-in-factor";
import { codeIn, fileTicket, newestText, personWithTicket, signedInAgent, verifiedCaller } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { RESETS_PER_AGENT_PER_HOUR } from "./reset-actions";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;
const agent = signedInAgent;
const verified = verifiedCaller;
const newTicketFor = fileTicket;

async function activeSessions(personId: string): Promise<number> {
  const db = await getDb();
  return (
    await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)))
  ).length;
}

describe("caller verification", () => {
  it("the person's phone gets a code that names the ticket; read back, it allows one reset", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const { browser: desk, person: deskPerson } = await agent();
    const overview = (await desk.call("helpdesk.person", { reference }, { method: "GET" })).body.result!.data as {
      methods: Array<{ kind: string; phone: { display: string } | null }>;
      verificationTargets: Array<{ display: string }>;
      lockedUntil: string | null;
      lastSignIn: { method: string } | null;
    };
    expect(overview.methods.map((m) => m.phone?.display ?? m.kind).sort()).toEqual([expect.stringMatching(/^\+31 •• ••• ••\d\d$/), "totp"]);
    expect(JSON.stringify(overview)).not.toContain(mobile);
    expect(overview.lastSignIn).toMatchObject({ method: "totp" });

    const verificationId = await verified(desk, reference, mobile);
    const text = await newestText(mobile);
    expect(text).toContain(reference);
    // No invitation to relay it: read it out only when you called yourself; the helpdesk never calls to ask.
    expect(text).toMatch(
      /only if you yourself called the helpdesk about TS-\d+; the helpdesk never calls you to ask for it|alleen voor als je zelf de helpdesk hebt gebeld over TS-\d+; de helpdesk belt je nooit om hem te vragen/,
    );
    expect(text).not.toMatch(/Read this code to the agent|Lees deze code voor aan de medewerker/);
    expect(await activeSessions(person.id)).toBe(1);
    const reset = await desk.call("helpdesk.reset", { reference, action: "sign_out_everywhere", verificationId });
    expect(reset.body.result!.data).toMatchObject({ action: "sign_out_everywhere", sessionsEnded: 1 });
    expect(await activeSessions(person.id)).toBe(0);

    const db = await getDb();
    const [ticket] = await db
      .select()
      .from(tickets)
      .where(eq(tickets.number, parseTicketReference(reference)!));
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.ticketId, ticket!.id), eq(auditEvents.action, "helpdesk.signed_out_everywhere")));
    expect(audit).toEqual([expect.objectContaining({ actorPersonId: deskPerson.id, targetPersonId: person.id, outcome: "success" })]);
    const mails = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.personId, person.id), eq(outboxMessages.template, "helpdesk_signed_out_everywhere")));
    expect(mails).toHaveLength(1);
    expect(JSON.parse(open(mails[0]!.contentEnvelope!, contentBinding(mails[0]!.id)).toString()).body).toContain(reference);
  });

  it("a helpdesk verification code cannot complete a sign-in", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const { browser: desk } = await agent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const [target] = (overview.body.result!.data as { verificationTargets: Array<{ methodId: string }> }).verificationTargets;
    await desk.call("helpdesk.startVerification", { reference, methodId: target!.methodId });
    const helpdeskCode = codeIn(await newestText(mobile));

    const attacker = new Browser();
    await attacker.call("signIn.password", { username: person.username, password: person.password });
    const sms = (await factorStepState(attacker.requestInfo())).options.find((o) => o.channel === "sms")!;
    await attacker.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    const refused = await attacker.call("signIn.code", { code: helpdeskCode });
    expect(refused.status).toBe(401);
    expect(appCode(refused)).toBe("MFA_CODE_INVALID");
  });

  it("a wrong code read back is counted; after 5 the verification is dead", async () => {
    const { mobile, reference } = await personWithTicket();
    const { browser: desk } = await agent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const [target] = (overview.body.result!.data as { verificationTargets: Array<{ methodId: string }> }).verificationTargets;
    const { verificationId } = (await desk.call("helpdesk.startVerification", { reference, methodId: target!.methodId })).body.result!.data as { verificationId: string };
    const right = codeIn(await newestText(mobile));
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const first = await desk.call("helpdesk.confirmVerification", { verificationId, code: wrong });
    expect(appCode(first)).toBe("HELPDESK_CODE_WRONG");
    expect(first.body.error!.data.params).toEqual({ triesLeft: 4 });
    for (let i = 0; i < 4; i++) await desk.call("helpdesk.confirmVerification", { verificationId, code: wrong });
    expect(appCode(await desk.call("helpdesk.confirmVerification", { verificationId, code: right }))).toBe("HELPDESK_CODE_WRONG");
  });

  it("30 guesses at once: at most 5 are checked (counted before the check), and the right code afterwards is refused", async () => {
    const { mobile, reference } = await personWithTicket();
    const { browser: desk } = await agent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const [target] = (overview.body.result!.data as { verificationTargets: Array<{ methodId: string }> }).verificationTargets;
    const { verificationId } = (await desk.call("helpdesk.startVerification", { reference, methodId: target!.methodId })).body.result!.data as { verificationId: string };
    const right = codeIn(await newestText(mobile));
    const guesses = Array.from({ length: 30 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, "0"));
    const answers = await Promise.all(guesses.map((code) => desk.call("helpdesk.confirmVerification", { verificationId, code })));
    expect(answers.every((a) => appCode(a) === "HELPDESK_CODE_WRONG")).toBe(true);
    const db = await getDb();
    const checked = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "helpdesk.caller_verified"), sql`${auditEvents.detail}->>'verificationId' = ${verificationId}`));
    expect(checked).toHaveLength(5);
    expect(appCode(await desk.call("helpdesk.confirmVerification", { verificationId, code: right }))).toBe("HELPDESK_CODE_WRONG");
  });
});

describe("every reset refuses without a valid verification", () => {
  async function expectRefused(desk: Browser, reference: string, verificationId: string | undefined, personId: string) {
    const before = await activeSessions(personId);
    const response = await desk.call("helpdesk.reset", { reference, action: "sign_out_everywhere", ...(verificationId ? { verificationId } : {}) });
    expect(response.status).toBe(403);
    expect(appCode(response)).toBe("HELPDESK_VERIFICATION_REQUIRED");
    expect(await activeSessions(personId)).toBe(before);
  }

  it("missing", async () => {
    const { person, reference } = await personWithTicket();
    const { browser: desk } = await agent();
    await expectRefused(desk, reference, undefined, person.id);
    await expectRefused(desk, reference, randomUUID(), person.id);
  });

  it("not yet verified (the code was sent, never read back)", async () => {
    const { person, reference } = await personWithTicket();
    const { browser: desk } = await agent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const [target] = (overview.body.result!.data as { verificationTargets: Array<{ methodId: string }> }).verificationTargets;
    const { verificationId } = (await desk.call("helpdesk.startVerification", { reference, methodId: target!.methodId })).body.result!.data as { verificationId: string };
    await expectRefused(desk, reference, verificationId, person.id);
  });

  it("expired (over 10 minutes)", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const { browser: desk, person: deskPerson } = await agent();
    const verificationId = await verified(desk, reference, mobile);
    moveClockForTests(10 * 60_000 + 1000);
    // The agent's own second factor is renewed, so only the verification's age is left to refuse.
    expect((await desk.call("methods.confirmIdentity", { code: await deskPerson.code() })).status).toBe(200);
    await expectRefused(desk, reference, verificationId, person.id);
  });

  it("reused", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const { browser: desk } = await agent();
    const verificationId = await verified(desk, reference, mobile);
    expect((await desk.call("helpdesk.reset", { reference, action: "unlock", verificationId })).status).toBe(200);
    await expectRefused(desk, reference, verificationId, person.id);
  });

  it("another agent's", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const { browser: desk } = await agent();
    const verificationId = await verified(desk, reference, mobile);
    const { browser: other } = await agent();
    await expectRefused(other, reference, verificationId, person.id);
  });

  it("for another person", async () => {
    const first = await personWithTicket();
    const second = await personWithTicket();
    const { browser: desk } = await agent();
    const verificationId = await verified(desk, first.reference, first.mobile);
    await expectRefused(desk, second.reference, verificationId, second.person.id);
  });

  it("for another ticket of the same person", async () => {
    const { person, mobile, browser, reference } = await personWithTicket();
    const other = await newTicketFor(browser);
    const { browser: desk } = await agent();
    const verificationId = await verified(desk, reference, mobile);
    await expectRefused(desk, other, verificationId, person.id);
  });
});

describe("reset guards", () => {
  it("safe reset: signed out everywhere, every method gone, lock ended; one audit row", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const db = await getDb();
    await db
      .insert(factorLockouts)
      .values({ personId: person.id, consecutiveFailures: 0, lockedUntil: new Date(now().getTime() + 600_000), updatedAt: now() })
      .onConflictDoNothing();
    const { browser: desk } = await agent();
    const verificationId = await verified(desk, reference, mobile);
    const reset = await desk.call("helpdesk.reset", { reference, action: "safe_reset", verificationId });
    expect(reset.body.result!.data).toEqual({ action: "safe_reset", sessionsEnded: 1, methodsRemoved: 2 });
    expect(
      await db
        .select()
        .from(mfaMethods)
        .where(and(eq(mfaMethods.personId, person.id), isNull(mfaMethods.removedAt))),
    ).toEqual([]);
    const [lock] = await db.select().from(factorLockouts).where(eq(factorLockouts.personId, person.id));
    expect(lock!.lockedUntil).toBeNull();
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "helpdesk.safe_reset")));
    expect(audit).toHaveLength(1);
    // After the reset the password alone does not register a new method: it asks for the pass the helpdesk emailed.
    const again = await new Browser().call("signIn.password", { username: person.username, password: person.password });
    expect(again.body.result!.data).toMatchObject({ status: "pass" });
  });

  it("needs the agent's fresh second factor", async () => {
    const { mobile, reference } = await personWithTicket();
    const { browser: desk } = await agent();
    const verificationId = await verified(desk, reference, mobile);
    moveClockForTests(10 * 60_000 + 1000);
    expect(appCode(await desk.call("helpdesk.reset", { reference, action: "unlock", verificationId }))).toBe("MFA_FRESH_FACTOR_REQUIRED");
  });

  it("staff accounts need a second agent's approval; nobody resets their own account", async () => {
    const staff = await personWithTicket({ role: "agent" });
    const { browser: desk } = await agent();
    expect(appCode(await desk.call("helpdesk.reset", { reference: staff.reference, action: "unlock" }))).toBe("HELPDESK_APPROVAL_REQUIRED");
    expect(appCode(await staff.browser.call("helpdesk.reset", { reference: staff.reference, action: "unlock" }))).toBe("HELPDESK_SELF_NOT_ALLOWED");
    const overview = await staff.browser.call("helpdesk.person", { reference: staff.reference }, { method: "GET" });
    const [target] = (overview.body.result!.data as { verificationTargets: Array<{ methodId: string }> }).verificationTargets;
    expect(appCode(await staff.browser.call("helpdesk.startVerification", { reference: staff.reference, methodId: target!.methodId }))).toBe("HELPDESK_SELF_NOT_ALLOWED");
  });

  it(`at most ${RESETS_PER_AGENT_PER_HOUR} resets per agent per hour`, async () => {
    const { mobile, reference } = await personWithTicket();
    const { browser: desk, person: deskPerson } = await agent();
    const verificationId = await verified(desk, reference, mobile);
    const db = await getDb();
    for (let i = 0; i < RESETS_PER_AGENT_PER_HOUR; i++) await hitBucket(db, `helpdesk-resets:${deskPerson.id}`, 3600, now());
    const over = await desk.call("helpdesk.reset", { reference, action: "unlock", verificationId });
    expect(over.status).toBe(429);
    expect(appCode(over)).toBe("RATE_LIMITED");
  });
});

describe("helpdesk codes have their own sending budget", () => {
  it("however many codes the helpdesk sends a person, their own sign-in by text still works (and the other way round)", async () => {
    const { SEND_LIMITS } = await import("../verification/methods/phone/send-limits");
    const { person, mobile, reference } = await personWithTicket();
    const { browser: desk } = await agent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const [target] = (overview.body.result!.data as { verificationTargets: Array<{ methodId: string }> }).verificationTargets;
    for (let i = 0; i < SEND_LIMITS.helpdesk.perPerson.max; i++) {
      expect((await desk.call("helpdesk.startVerification", { reference, methodId: target!.methodId })).status).toBe(200);
    }
    const over = await desk.call("helpdesk.startVerification", { reference, methodId: target!.methodId });
    expect([over.status, appCode(over)]).toEqual([429, "MFA_THROTTLED"]);

    // The person's own sign-in: five texts in five minutes, untouched by the helpdesk's.
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    const sms = (await factorStepState(browser.requestInfo())).options.find((o) => o.channel === "sms")!;
    for (let i = 0; i < SEND_LIMITS.sign_in.perPerson.max; i++) {
      expect((await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);
    }
    expect((await browser.call("signIn.code", { code: codeIn(await newestText(mobile)) })).status).toBe(200);

    // And a person who used up their own sign-in sends can still be verified by the helpdesk.
    const other = await personWithTicket();
    const signingIn = new Browser();
    await signingIn.call("signIn.password", { username: other.person.username, password: other.person.password });
    const otherSms = (await factorStepState(signingIn.requestInfo())).options.find((o) => o.channel === "sms")!;
    for (let i = 0; i <= SEND_LIMITS.sign_in.perPerson.max; i++) await signingIn.call("signIn.chooseMethod", { methodId: otherSms.methodId, channel: "sms" });
    expect(appCode(await signingIn.call("signIn.chooseMethod", { methodId: otherSms.methodId, channel: "sms" }))).toBe("MFA_THROTTLED");
    await verified(desk, other.reference, other.mobile);
  });
});
