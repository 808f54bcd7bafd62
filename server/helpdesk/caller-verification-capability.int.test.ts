import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, callerVerifications, mfaMethods, outboxMessages, phoneNumbers, simulatedInbox, voiceCalls } from "@/db/schema";
import { drainOutbox } from "@/test/delivery";
import { codeIn, freshHelpdeskMobile, freshHelpdeskOffice, newestText, personWithTicket, signedInAgent } from "@/test/helpdesk";
import { now } from "../core/clock";
import { simulatedCallAction } from "../delivery/simulated-inbox";
import { simulatedCalls } from "../verification/methods/phone/simulated-calls";
import { SEND_LIMITS } from "../verification/methods/phone/send-limits";
import { allMethods, callerVerificationMethods } from "../verification/methods/registry";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

type Target = { methodId: string; labelKey: string; detail: string | null; display: string; channels: string[] };

/** Adds a phone to the person as stored: verified or not, suspended or not. */
async function addPhone(personId: string, input: { e164: string; role: "mobile" | "alternate"; verified?: boolean; suspended?: boolean }): Promise<string> {
  const db = await getDb();
  const [method] = await db.insert(mfaMethods).values({ personId, kind: "phone", label: "Phone", createdAt: now(), confirmedAt: now() }).returning();
  await db.insert(phoneNumbers).values({
    methodId: method!.id,
    e164: input.e164,
    country: "NL",
    role: input.role,
    verifiedAt: input.verified === false ? null : now(),
    suspendedAt: input.suspended ? now() : null,
  });
  return method!.id;
}

describe("caller verification offers every method that has the capability, per usable channel", () => {
  it("the registry decides: the kinds offered are exactly those whose module can verify a caller", () => {
    const capable = callerVerificationMethods().map((m) => m.kind);
    expect(capable).toEqual(
      allMethods()
        .filter((m) => m.capabilities.callerVerification)
        .map((m) => m.kind),
    );
    // Never "read me your authenticator code".
    expect(capable).not.toContain("totp");
    expect(capable).toContain("phone");
  });

  it("the agent is offered the verified mobile by text and by call, an alternate phone by call, named by their label and masked number; not the app, a suspended or unverified phone; no full number reaches the agent", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const alternate = freshHelpdeskMobile();
    const suspended = freshHelpdeskMobile();
    const unverified = freshHelpdeskMobile();
    await addPhone(person.id, { e164: alternate, role: "alternate" });
    await addPhone(person.id, { e164: suspended, role: "mobile", suspended: true });
    await addPhone(person.id, { e164: unverified, role: "mobile", verified: false });
    const { browser: desk } = await signedInAgent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const targets = (overview.body.result!.data as { verificationTargets: Target[] }).verificationTargets.sort((a, b) => a.labelKey.localeCompare(b.labelKey));
    expect(targets).toEqual([
      { methodId: expect.any(String), labelKey: "alternate", detail: `+31 •• ••• ••${alternate.slice(-2)}`, display: `+31 •• ••• ••${alternate.slice(-2)}`, channels: ["voice"] },
      { methodId: expect.any(String), labelKey: "mobile", detail: `+31 •• ••• ••${mobile.slice(-2)}`, display: `+31 •• ••• ••${mobile.slice(-2)}`, channels: ["sms", "voice"] },
    ]);
    for (const number of [mobile, alternate, suspended, unverified]) expect(JSON.stringify(overview.body)).not.toContain(number.slice(3));

    // The choice goes by method and channel; the answer names the masked number only.
    const mobileTarget = targets[1]!;
    const started = await desk.call("helpdesk.startVerification", { reference, methodId: mobileTarget.methodId, channel: "sms" });
    expect(started.status).toBe(200);
    expect(started.body.result!.data).toMatchObject({ display: mobileTarget.display, channel: "sms" });
    expect(JSON.stringify(started.body)).not.toContain(mobile.slice(3));
    const { verificationId } = started.body.result!.data as { verificationId: string };
    const db = await getDb();
    const [row] = await db.select().from(callerVerifications).where(eq(callerVerifications.id, verificationId));
    expect(row).toMatchObject({ methodId: mobileTarget.methodId, channel: "sms" });
    const [sent] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "helpdesk.verification_sent"), eq(auditEvents.targetPersonId, person.id)));
    expect(sent!.detail).toEqual({ verificationId, channel: "sms", to: mobileTarget.display });
    expect(JSON.stringify(sent!.detail)).not.toContain(mobile.slice(3));
    expect((await desk.call("helpdesk.confirmVerification", { verificationId, code: codeIn(await newestText(mobile)) })).status).toBe(200);
  });

  it("a method that cannot verify a caller is refused, and nothing is sent", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const suspendedId = await addPhone(person.id, { e164: freshHelpdeskMobile(), role: "mobile", suspended: true });
    const alternateId = await addPhone(person.id, { e164: freshHelpdeskMobile(), role: "alternate" });
    const db = await getDb();
    const [app] = await db
      .select()
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "totp")));
    const { browser: desk } = await signedInAgent();
    // Not the app, not a suspended phone, and not a text to a phone that only takes calls.
    for (const input of [{ methodId: app!.id }, { methodId: suspendedId }, { methodId: alternateId, channel: "sms" }]) {
      const refused = await desk.call("helpdesk.startVerification", { reference, ...input });
      expect([refused.status, appCode(refused)]).toEqual([409, "HELPDESK_NO_METHOD"]);
    }
    expect(await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, mobile))).toEqual([]);
    expect(
      await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.personId, person.id), inArray(outboxMessages.channel, ["sms", "voice"]))),
    ).toEqual([]);
    expect(await db.select().from(callerVerifications).where(eq(callerVerifications.personId, person.id))).toEqual([]);
  });

  it("a person whose only methods cannot verify a caller has no target (the identity check is the way)", async () => {
    const { reference } = await personWithTicket({ phone: false });
    const { browser: desk } = await signedInAgent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    expect((overview.body.result!.data as { verificationTargets: Target[] }).verificationTargets).toEqual([]);
  });
});

/** The code a spoken call reads out ("4 8 1 5 9 2"), from what the phone heard. */
function spokenCodeIn(heard: string): string {
  const found = /\b(\d(?: \d){5})\b/.exec(heard);
  if (!found) throw new Error(`No spoken code in: ${heard}`);
  return found[1]!.replaceAll(" ", "");
}

describe("caller verification by a call that reads the code out", () => {
  it("a person whose only phone is an office phone is called: the call speaks the code and the ticket, asks for nothing, and the code read back verifies them", async () => {
    const office = freshHelpdeskOffice();
    const { person, reference } = await personWithTicket({ office });
    const { browser: desk } = await signedInAgent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const targets = (overview.body.result!.data as { verificationTargets: Target[] }).verificationTargets;
    expect(targets).toEqual([
      { methodId: expect.any(String), labelKey: "office", detail: `+31 •• ••• ••${office.slice(-2)}`, display: `+31 •• ••• ••${office.slice(-2)}`, channels: ["voice"] },
    ]);
    expect(JSON.stringify(overview.body)).not.toContain(office.slice(3));

    // Its one channel is the default: a call.
    const started = await desk.call("helpdesk.startVerification", { reference, methodId: targets[0]!.methodId });
    expect(started.status).toBe(200);
    expect(started.body.result!.data).toMatchObject({ display: targets[0]!.display, channel: "voice" });
    const { verificationId } = started.body.result!.data as { verificationId: string };
    await drainOutbox();
    const db = await getDb();
    expect((await db.select().from(callerVerifications).where(eq(callerVerifications.id, verificationId)))[0]).toMatchObject({ channel: "voice" });

    // Delivery carried a call that only speaks: not a sign-in call (no call state, nothing to press).
    const [message] = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.personId, person.id), eq(outboxMessages.channel, "voice")));
    expect(message).toMatchObject({ template: "helpdesk_verification_call", callMode: "spoken", recipient: office });
    expect(await db.select().from(voiceCalls).where(eq(voiceCalls.messageId, message!.id))).toEqual([]);
    const [heard] = await db.select().from(simulatedInbox).where(eq(simulatedInbox.messageId, message!.id));
    expect(heard).toMatchObject({ channel: "voice", callMode: "spoken" });
    expect(heard!.body).toContain(reference);
    expect(heard!.body).toContain("Deze oproep vraagt je nooit iets in te toetsen");
    const code = spokenCodeIn(heard!.body);
    // The simulated phone shows it as a spoken call, with what it says.
    expect(await simulatedCalls(office)).toEqual([{ messageId: message!.id, body: heard!.body, receivedAt: expect.any(Date), state: "spoken" }]);
    // Keys typed on it mean nothing.
    await simulatedCallAction(message!.id, "answer");
    await simulatedCallAction(message!.id, "hash", "12");
    expect((await simulatedCalls(office))[0]!.state).toBe("spoken");

    const confirmed = await desk.call("helpdesk.confirmVerification", { verificationId, code });
    expect(confirmed.status).toBe(200);
    const reset = await desk.call("helpdesk.reset", { reference, action: "sign_out_everywhere", verificationId });
    expect(reset.body.result!.data).toMatchObject({ action: "sign_out_everywhere", sessionsEnded: 1 });
  });

  it("a mobile can be texted or called; a wrong code read back from a call counts like one from a text", async () => {
    const { mobile, reference } = await personWithTicket();
    const { browser: desk } = await signedInAgent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const [target] = (overview.body.result!.data as { verificationTargets: Target[] }).verificationTargets;
    expect(target!.channels).toEqual(["sms", "voice"]);
    const started = await desk.call("helpdesk.startVerification", { reference, methodId: target!.methodId, channel: "voice" });
    expect(started.body.result!.data).toMatchObject({ channel: "voice" });
    const { verificationId } = started.body.result!.data as { verificationId: string };
    await drainOutbox();
    const db = await getDb();
    const [heard] = await db
      .select()
      .from(simulatedInbox)
      .where(and(eq(simulatedInbox.recipient, mobile), eq(simulatedInbox.channel, "voice")));
    const code = spokenCodeIn(heard!.body);
    const wrong = code === "000000" ? "111111" : "000000";
    const refused = await desk.call("helpdesk.confirmVerification", { verificationId, code: wrong });
    expect(appCode(refused)).toBe("HELPDESK_CODE_WRONG");
    expect((await desk.call("helpdesk.confirmVerification", { verificationId, code })).status).toBe(200);
    // No text was sent for it.
    expect(
      await db
        .select()
        .from(simulatedInbox)
        .where(and(eq(simulatedInbox.recipient, mobile), eq(simulatedInbox.channel, "sms"))),
    ).toEqual([]);
  });

  it("calls and texts share the helpdesk's sending caps for a person", async () => {
    const { reference } = await personWithTicket();
    const { browser: desk } = await signedInAgent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const [target] = (overview.body.result!.data as { verificationTargets: Target[] }).verificationTargets;
    for (let i = 0; i < SEND_LIMITS.helpdesk.perPerson.max; i++) {
      const channel = i % 2 === 0 ? "voice" : "sms";
      expect((await desk.call("helpdesk.startVerification", { reference, methodId: target!.methodId, channel })).status).toBe(200);
    }
    const over = await desk.call("helpdesk.startVerification", { reference, methodId: target!.methodId, channel: "voice" });
    expect([over.status, appCode(over)]).toEqual([429, "MFA_THROTTLED"]);
  });
});
