import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, callerVerifications, mfaMethods, phoneNumbers, simulatedInbox } from "@/db/schema";
import { codeIn, freshHelpdeskMobile, newestText, personWithTicket, signedInAgent } from "@/test/helpdesk";
import { now } from "../core/clock";
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

  it("the agent is offered the verified mobile by text, named by its label and masked number; not the app, an alternate, suspended or unverified phone; no full number reaches the agent", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const alternate = freshHelpdeskMobile();
    const suspended = freshHelpdeskMobile();
    const unverified = freshHelpdeskMobile();
    await addPhone(person.id, { e164: alternate, role: "alternate" });
    await addPhone(person.id, { e164: suspended, role: "mobile", suspended: true });
    await addPhone(person.id, { e164: unverified, role: "mobile", verified: false });
    const { browser: desk } = await signedInAgent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    const targets = (overview.body.result!.data as { verificationTargets: Target[] }).verificationTargets;
    expect(targets).toEqual([
      { methodId: expect.any(String), labelKey: "mobile", detail: `+31 •• ••• ••${mobile.slice(-2)}`, display: `+31 •• ••• ••${mobile.slice(-2)}`, channels: ["sms"] },
    ]);
    for (const number of [mobile, alternate, suspended, unverified]) expect(JSON.stringify(overview.body)).not.toContain(number.slice(3));

    // The choice goes by method and channel; the answer names the masked number only.
    const started = await desk.call("helpdesk.startVerification", { reference, methodId: targets[0]!.methodId, channel: "sms" });
    expect(started.status).toBe(200);
    expect(started.body.result!.data).toMatchObject({ display: targets[0]!.display, channel: "sms" });
    expect(JSON.stringify(started.body)).not.toContain(mobile.slice(3));
    const { verificationId } = started.body.result!.data as { verificationId: string };
    const db = await getDb();
    const [row] = await db.select().from(callerVerifications).where(eq(callerVerifications.id, verificationId));
    expect(row).toMatchObject({ methodId: targets[0]!.methodId, channel: "sms" });
    const [sent] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "helpdesk.verification_sent"), eq(auditEvents.targetPersonId, person.id)));
    expect(sent!.detail).toEqual({ verificationId, channel: "sms", to: targets[0]!.display });
    expect(JSON.stringify(sent!.detail)).not.toContain(mobile.slice(3));
    expect((await desk.call("helpdesk.confirmVerification", { verificationId, code: codeIn(await newestText(mobile)) })).status).toBe(200);
  });

  it("a method that cannot verify a caller is refused, and nothing is sent", async () => {
    const { person, mobile, reference } = await personWithTicket();
    const alternateId = await addPhone(person.id, { e164: freshHelpdeskMobile(), role: "alternate" });
    const db = await getDb();
    const [app] = await db
      .select()
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "totp")));
    const { browser: desk } = await signedInAgent();
    for (const input of [{ methodId: app!.id }, { methodId: alternateId }]) {
      const refused = await desk.call("helpdesk.startVerification", { reference, ...input });
      expect([refused.status, appCode(refused)]).toEqual([409, "HELPDESK_NO_METHOD"]);
    }
    expect(await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, mobile))).toEqual([]);
    expect(await db.select().from(callerVerifications).where(eq(callerVerifications.personId, person.id))).toEqual([]);
  });

  it("a person whose only methods cannot verify a caller has no target (the identity check is the way)", async () => {
    const { reference } = await personWithTicket({ phone: false });
    const { browser: desk } = await signedInAgent();
    const overview = await desk.call("helpdesk.person", { reference }, { method: "GET" });
    expect((overview.body.result!.data as { verificationTargets: Target[] }).verificationTargets).toEqual([]);
  });
});
