import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { accessPasses, auditEvents, mfaMethods, phoneNumbers, resetApprovals } from "@/db/schema";
import { moveClockForTests, now } from "../core/clock";
import { approvalFactsFor, approveWithFacts, fileTicket, newestText, personWithTicket, signedInAgent, verifiedCaller } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;
const IN_PERSON = { identityCheck: "in_person_id", reason: "Came to the service desk; checked passport against HR record." } as const;

async function ask(agent: Browser, reference: string, action: string, extra: Record<string, unknown> = IN_PERSON) {
  const response = await agent.call("helpdesk.requestApproval", { reference, action, ...extra });
  expect(response.status).toBe(200);
  return (response.body.result!.data as { approvalId: string }).approvalId;
}

async function signedInAdmin() {
  const person = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
  return { browser: await signedInWithCode(person), person };
}

describe("no usable method: an identity check approved by a second agent", () => {
  it("the pass is shown to the requesting agent once, works once, then never again", async () => {
    const { person, reference } = await personWithTicket({ phone: false });
    const { browser: first } = await signedInAgent();
    const { browser: second } = await signedInAgent();
    const approvalId = await ask(first, reference, "issue_access_pass");
    // Not yet approved: nothing happens.
    expect(appCode(await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
    expect(appCode(await first.call("helpdesk.approve", { approvalId }))).toBe("HELPDESK_SELF_APPROVAL");
    expect((await approveWithFacts(second, approvalId)).status).toBe(200);
    // Approved for the one who asked, not for the approver.
    expect(appCode(await second.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
    const done = await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId });
    const { pass } = done.body.result!.data as { pass: string };
    expect(pass).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // Once: the same approval shows nothing again.
    expect(appCode(await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
    const db = await getDb();
    const [stored] = await db.select().from(accessPasses).where(eq(accessPasses.personId, person.id));
    expect(stored).toMatchObject({ deliveredVia: "shown_once" });
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBeLessThanOrEqual(3600_000);

    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    await browser.call("signIn.usePass", {});
    expect((await browser.call("signIn.pass", { pass })).body.result!.data).toEqual({ status: "register" });
    const again = new Browser();
    await again.call("signIn.password", { username: person.username, password: person.password });
    await again.call("signIn.usePass", {});
    expect(appCode(await again.call("signIn.pass", { pass }))).toBe("MFA_PASS_INVALID");
  });

  it("approvals expire after 30 minutes", async () => {
    const { reference } = await personWithTicket({ phone: false });
    const { browser: first, person: firstPerson } = await signedInAgent();
    const { person: secondPerson } = await signedInAgent();
    const approvalId = await ask(first, reference, "unlock");
    moveClockForTests(30 * 60_000 + 1000);
    // Staff sessions end after 15 idle minutes: both agents sign in again.
    const second = await signedInWithCode(secondPerson);
    expect(appCode(await approveWithFacts(second, approvalId))).toBe("HELPDESK_APPROVAL_REQUIRED");
    const firstAgain = await signedInWithCode(firstPerson);
    expect(appCode(await firstAgain.call("helpdesk.reset", { reference, action: "unlock", approvalId }))).toBe("HELPDESK_VERIFICATION_REQUIRED");
  });

  it("the person the approval is about cannot approve it", async () => {
    const { browser, reference } = await personWithTicket({ role: "agent", phone: false });
    const { browser: first } = await signedInAgent();
    const approvalId = await ask(first, reference, "unlock");
    expect(appCode(await browser.call("helpdesk.approve", { approvalId }))).toBe("HELPDESK_SELF_NOT_ALLOWED");
  });
});

describe("resetting staff or an administrator needs a second agent", () => {
  it("an administrator's reset: refused without approval, refused when an agent approves, done when an administrator approves", async () => {
    const admin = await createTestPerson({ policy: "strict", authenticator: true, mobile: "+31611188801", role: "admin" });
    const adminBrowser = await signedInWithCode(admin);
    const reference = await fileTicket(adminBrowser);
    const { browser: desk } = await signedInAgent();
    const verificationId = await verifiedCaller(desk, reference, "+31611188801");
    expect(appCode(await desk.call("helpdesk.reset", { reference, action: "sign_out_everywhere", verificationId }))).toBe("HELPDESK_APPROVAL_REQUIRED");

    const approvalId = await ask(desk, reference, "sign_out_everywhere", { reason: "Admin lost their phone, verified by code." });
    const { browser: otherAgent } = await signedInAgent();
    expect(appCode(await otherAgent.call("helpdesk.approve", { approvalId }))).toBe("HELPDESK_APPROVER_ROLE_TOO_LOW");
    const { browser: otherAdmin } = await signedInAdmin();
    expect((await approveWithFacts(otherAdmin, approvalId)).status).toBe(200);
    // The refused try above rolled back: the verification is still there to use.
    const done = await desk.call("helpdesk.reset", { reference, action: "sign_out_everywhere", verificationId, approvalId });
    expect(done.body.result!.data).toMatchObject({ action: "sign_out_everywhere", sessionsEnded: 1 });
    expect(done.body.result!.data).not.toHaveProperty("pass");

    const db = await getDb();
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, admin.id), eq(auditEvents.action, "helpdesk.signed_out_everywhere")));
    expect(audit.map((a) => a.outcome).sort()).toEqual(["failure", "success"]);
  });
});

describe("the noor scenario: an identity check is no way around caller verification", () => {
  it("refused while the person has a phone the helpdesk can send a code to (in person or by the manager); nothing is asked, the refusal is audited", async () => {
    const { person, reference } = await personWithTicket();
    const { browser: desk } = await signedInAgent();
    for (const identityCheck of ["in_person_id", "manager_confirmed"] as const) {
      const refused = await desk.call("helpdesk.requestApproval", { reference, action: "issue_access_pass", identityCheck, reason: "Caller says he is noor; ticked ID checked." });
      expect(refused.status).toBe(403);
      expect(appCode(refused)).toBe("HELPDESK_IDENTITY_CHECK_NOT_ALLOWED");
    }
    const db = await getDb();
    expect(await db.select().from(resetApprovals).where(eq(resetApprovals.personId, person.id))).toEqual([]);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "helpdesk.approval_requested")));
    expect(audit.map((a) => [a.outcome, a.reason])).toEqual([
      ["failure", "HELPDESK_IDENTITY_CHECK_NOT_ALLOWED"],
      ["failure", "HELPDESK_IDENTITY_CHECK_NOT_ALLOWED"],
    ]);
  });

  it("phone recorded lost or compromised: a manager's confirmation is refused, only an in-person ID check is accepted", async () => {
    const { person, reference } = await personWithTicket();
    const { browser: first } = await signedInAgent();
    const { browser: second } = await signedInAgent();
    const byManager = await first.call("helpdesk.requestApproval", {
      reference,
      action: "issue_access_pass",
      identityCheck: "manager_confirmed",
      phoneLost: true,
      reason: "Phone stolen; asking the manager on record.",
    });
    expect(appCode(byManager)).toBe("HELPDESK_IN_PERSON_ONLY");
    const approvalId = await ask(first, reference, "issue_access_pass", { ...IN_PERSON, phoneLost: true });
    const shown = await approvalFactsFor(second, approvalId);
    expect(shown.facts).toMatchObject({ phoneLost: true, verificationTargets: [expect.stringMatching(/^\+31 •• ••• ••\d\d$/)] });
    expect((await second.call("helpdesk.approve", { approvalId, factsDigest: shown.factsDigest })).status).toBe(200);
    const done = await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId });
    expect((done.body.result!.data as { pass: string }).pass).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const db = await getDb();
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "helpdesk.access_pass_issued")));
    expect(audit).toEqual([expect.objectContaining({ outcome: "success", detail: expect.objectContaining({ approvedIdentityCheck: "in_person_id", passShownOnce: true }) })]);
  });

  it("an approved identity check stops working when the person gets a verification target before it is carried out", async () => {
    const { person, reference } = await personWithTicket({ phone: false });
    const { browser: first } = await signedInAgent();
    const { browser: second } = await signedInAgent();
    const approvalId = await ask(first, reference, "issue_access_pass");
    expect((await approveWithFacts(second, approvalId)).status).toBe(200);
    // A verified mobile turns up (registered since the request): now a code is the way.
    const db = await getDb();
    const [method] = await db
      .insert(mfaMethods)
      .values({ personId: person.id, kind: "phone", label: "Mobile phone", confirmedAt: now(), createdAt: now() })
      .returning({ id: mfaMethods.id });
    await db.insert(phoneNumbers).values({ methodId: method!.id, e164: "+31611177700", country: "NL", role: "mobile", verifiedAt: now() });
    expect(appCode(await first.call("helpdesk.reset", { reference, action: "issue_access_pass", approvalId }))).toBe("HELPDESK_IDENTITY_CHECK_NOT_ALLOWED");
    expect(await db.select().from(accessPasses).where(eq(accessPasses.personId, person.id))).toEqual([]);
  });

  it("the approver sees the facts beside the reason; an approval without them, or with facts that changed since, is refused", async () => {
    const { person, mobile } = await personWithTicket();
    // The attacker files without signing in, with the owner's username and their own address.
    const filed = await new Browser().call(
      "tickets.submit",
      {
        category: "lost_phone",
        subject: "Lost phone",
        description: "Phone stolen, please send a pass.",
        requester: { name: person.username, username: person.username, contactEmail: "attacker@example.test" },
        locale: "nl",
      },
      { headers: { "idempotency-key": `k-${randomUUID()}` } },
    );
    const reference = (filed.body.result!.data as { reference: string }).reference;
    const { browser: first } = await signedInAgent();
    const { browser: second } = await signedInAgent();
    const approvalId = await ask(first, reference, "issue_access_pass", { ...IN_PERSON, phoneLost: true });

    const shown = await approvalFactsFor(second, approvalId);
    expect(shown.facts).toEqual({
      // As each method describes itself (what <MethodLabel> shows): a phone by its role, masked.
      methods: expect.arrayContaining([
        { labelKey: "totp", detail: null, nickname: null },
        { labelKey: "mobile", detail: expect.stringMatching(/^\+31 •• ••• ••\d\d$/), nickname: null },
      ]),
      verificationTargets: [expect.stringMatching(/^\+31 •• ••• ••\d\d$/)],
      phoneLost: true,
      callerVerification: { tries: 0, outcome: "none" },
      anonymousTicket: true,
      contactDiffers: true,
    });
    expect(JSON.stringify(shown)).not.toContain(mobile);

    // Not shown: no digest, or a made-up one.
    expect(appCode(await second.call("helpdesk.approve", { approvalId }))).toBe("HELPDESK_FACTS_NOT_SHOWN");
    expect(appCode(await second.call("helpdesk.approve", { approvalId, factsDigest: "x".repeat(32) }))).toBe("HELPDESK_FACTS_NOT_SHOWN");
    // The facts change after they were shown (a verification code was sent and not read back): refused again.
    const overview = await first.call("helpdesk.person", { reference }, { method: "GET" });
    const [target] = (overview.body.result!.data as { verificationTargets: Array<{ methodId: string }> }).verificationTargets;
    expect((await first.call("helpdesk.startVerification", { reference, methodId: target!.methodId })).status).toBe(200);
    expect(await newestText(mobile)).toContain(reference);
    const stale = await second.call("helpdesk.approve", { approvalId, factsDigest: shown.factsDigest });
    expect(stale.status).toBe(409);
    expect(appCode(stale)).toBe("HELPDESK_FACTS_NOT_SHOWN");
    const db = await getDb();
    expect((await db.select().from(resetApprovals).where(eq(resetApprovals.id, approvalId)))[0]!.approvedAt).toBeNull();

    const again = await approvalFactsFor(second, approvalId);
    expect(again.facts).toMatchObject({ callerVerification: { tries: 1, outcome: "waiting" } });
    expect((await second.call("helpdesk.approve", { approvalId, factsDigest: again.factsDigest })).status).toBe(200);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "helpdesk.approval_granted")));
    expect(audit.map((a) => [a.outcome, a.reason])).toEqual([
      ["failure", "HELPDESK_FACTS_NOT_SHOWN"],
      ["failure", "HELPDESK_FACTS_NOT_SHOWN"],
      ["failure", "HELPDESK_FACTS_NOT_SHOWN"],
      ["success", null],
    ]);
  });
});
