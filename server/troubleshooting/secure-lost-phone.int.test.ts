import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaMethods, people, phoneNumbers, voiceCalls } from "@/db/schema";
import { codeIn, freshHelpdeskMobile, newestText } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { now } from "../core/clock";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

describe("lost phone goes through the same reset as the helpdesk's (the registry)", () => {
  it("a code the lost phone already got and a call ringing on it stop working; the alternate phone stays, and so does its default", async () => {
    const mobile = freshHelpdeskMobile();
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
    const db = await getDb();
    const [alternate] = await db.insert(mfaMethods).values({ personId: person.id, kind: "phone", label: "Alternate phone", createdAt: now(), confirmedAt: now() }).returning();
    await db.insert(phoneNumbers).values({ methodId: alternate!.id, e164: "+31201234567", country: "NL", role: "alternate", verifiedAt: now() });
    const [mobileMethod] = await db
      .select({ id: mfaMethods.id })
      .from(mfaMethods)
      .innerJoin(phoneNumbers, eq(phoneNumbers.methodId, mfaMethods.id))
      .where(and(eq(mfaMethods.personId, person.id), eq(phoneNumbers.role, "mobile")));
    await db.update(people).set({ defaultMethodId: mobileMethod!.id, defaultChannel: "sms" }).where(eq(people.id, person.id));

    // Whoever has the phone (and the password) is half-way through two sign-ins: a text and a call.
    const byText = new Browser();
    await byText.call("signIn.password", { username: person.username, password: person.password });
    await byText.call("signIn.chooseMethod", { methodId: mobileMethod!.id, channel: "sms" });
    const stolenCode = codeIn(await newestText(mobile));
    const byCall = new Browser();
    await byCall.call("signIn.password", { username: person.username, password: person.password });
    expect((await byCall.call("signIn.chooseMethod", { methodId: mobileMethod!.id, channel: "voice" })).status).toBe(200);

    const here = await signedInWithCode(person);
    const [totp] = await db
      .select({ id: mfaMethods.id })
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "totp")));
    const secured = await here.call("methods.secureLostPhone", { methodIds: [totp!.id, mobileMethod!.id] });
    expect(secured.body.result!.data).toMatchObject({ removed: 2, sessionsEnded: 0 });
    expect((secured.body.result!.data as { removedMethods: Array<{ kind: string }> }).removedMethods.map((m) => m.kind).sort()).toEqual(["phone", "totp"]);

    expect((await byText.call("signIn.code", { code: stolenCode })).status).not.toBe(200);
    const [call] = await db.select().from(voiceCalls).where(eq(voiceCalls.methodId, mobileMethod!.id));
    expect(call).toMatchObject({ state: "no_answer" });
    expect(call!.endedAt).not.toBeNull();
    const live = await db
      .select({ id: mfaMethods.id })
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), isNull(mfaMethods.removedAt)));
    expect(live.map((m) => m.id)).toEqual([alternate!.id]);
    const [after] = await db.select().from(people).where(eq(people.id, person.id));
    expect(after).toMatchObject({ defaultMethodId: null, defaultChannel: null });
  });

  it("recovery codes left do not let the lost phone's methods go: MFA_LAST_RESORT_ONLY, nothing retired", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: freshHelpdeskMobile() });
    const browser = await signedInWithCode(person);
    expect((await browser.call("methods.generateRecoveryCodes", {})).status).toBe(200);
    const db = await getDb();
    const onPhone = await db
      .select({ id: mfaMethods.id, kind: mfaMethods.kind })
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), isNull(mfaMethods.removedAt)));
    const chosen = onPhone.filter((m) => m.kind !== "recovery_code").map((m) => m.id);
    expect(chosen).toHaveLength(2);
    expect(appCode(await browser.call("methods.secureLostPhone", { methodIds: chosen }))).toBe("MFA_LAST_RESORT_ONLY");
    const live = await db
      .select()
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), isNull(mfaMethods.removedAt)));
    expect(live).toHaveLength(3);
  });

  it("refused as a whole: a method that is not theirs, or the last one, leaves every method in place", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: freshHelpdeskMobile() });
    const other = await createTestPerson({ policy: "strict", authenticator: true });
    const db = await getDb();
    const mine = await db.select({ id: mfaMethods.id }).from(mfaMethods).where(eq(mfaMethods.personId, person.id));
    const [theirs] = await db.select({ id: mfaMethods.id }).from(mfaMethods).where(eq(mfaMethods.personId, other.id));
    const browser = await signedInWithCode(person);
    expect(appCode(await browser.call("methods.secureLostPhone", { methodIds: [mine[0]!.id, theirs!.id] }))).toBe("NOT_FOUND");
    expect(appCode(await browser.call("methods.secureLostPhone", { methodIds: mine.map((m) => m.id) }))).toBe("MFA_LAST_METHOD");
    const live = await db
      .select()
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), isNull(mfaMethods.removedAt)));
    expect(live).toHaveLength(2);
  });
});
