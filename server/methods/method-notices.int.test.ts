import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, people } from "@/db/schema";
import { Browser } from "@/test/http";
import { queuedEmails } from "@/test/delivery";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { base32Decode } from "../crypto/base32";
import { now } from "../core/clock";
import { completeSignIn } from "../verification/complete-sign-in";
import { maskPhone } from "../verification/methods/phone/phone-number";
import { totpCodeAt } from "../verification/methods/totp/verify-totp-code";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;
/** A fresh Dutch mobile number (a real +31 6 1… range) ending in 51. */
const freshMobile = () => `+3161${String(randomInt(0, 100_000)).padStart(5, "0")}51`;

async function personWithPhone(locale: "nl" | "en") {
  const mobile = freshMobile();
  const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
  const db = await getDb();
  await db.update(people).set({ locale }).where(eq(people.id, person.id));
  const browser = await signedInWithCode(person);
  const methods = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{
    id: string;
    labelKey: string;
    detail: string | null;
    nickname: string | null;
  }>;
  const phone = methods.find((m) => m.labelKey === "mobile")!;
  return { person, mobile, browser, phone, email: `${person.username}@example.test` };
}

describe("notices name the method that changed", () => {
  it.each([
    ["nl", "Er is een aanmeldmethode van je account verwijderd: je mobiele telefoon {masked}."],
    ["en", "A sign-in method was removed from your account: your mobile phone {masked}."],
  ] as const)("removing a phone: the email names that phone, masked (%s)", async (locale, sentence) => {
    const { mobile, browser, phone, email } = await personWithPhone(locale);
    expect((await browser.call("methods.remove", { methodId: phone.id })).status).toBe(200);
    const [notice] = await queuedEmails({ recipient: email, template: "method_removed" });
    expect(notice!.body).toContain(sentence.replace("{masked}", maskPhone(mobile)));
    expect(maskPhone(mobile)).toMatch(/51$/);
    // Never the full number, and never "authenticator app" for a phone.
    expect(notice!.body).not.toContain(mobile.slice(3));
    expect(notice!.body).not.toMatch(/authenticator/i);
  });

  it("a named phone is named in the notice too; the name is validated, audited and the person's own", async () => {
    const { person, browser, phone, email } = await personWithPhone("en");
    expect((await browser.call("methods.rename", { methodId: phone.id, nickname: "  work phone " })).status).toBe(200);
    const listed = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string; nickname: string | null }>;
    expect(listed.find((m) => m.id === phone.id)?.nickname).toBe("work phone");
    // Control or direction characters, or a name that is too long: refused, nothing changed.
    for (const nickname of ["work\u0000phone", "work\u202Ephone", "line\nbreak", "x".repeat(41)]) {
      expect(appCode(await browser.call("methods.rename", { methodId: phone.id, nickname }))).toBe("INPUT_INVALID");
    }
    // Someone else's method cannot be named.
    const other = await personWithPhone("en");
    expect(appCode(await other.browser.call("methods.rename", { methodId: phone.id, nickname: "mine now" }))).toBe("NOT_FOUND");
    const db = await getDb();
    const renamed = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "method.renamed")));
    expect(renamed).toHaveLength(1);

    expect((await browser.call("methods.remove", { methodId: phone.id })).status).toBe(200);
    const [notice] = await queuedEmails({ recipient: email, template: "method_removed" });
    expect(notice!.body).toContain(`A sign-in method was removed from your account: your mobile phone ${phone.detail} (“work phone”).`);
    // An empty name clears it (on a method still there).
    const [app] = listed.filter((m) => m.id !== phone.id);
    await browser.call("methods.rename", { methodId: app!.id, nickname: "old phone" });
    await browser.call("methods.rename", { methodId: app!.id, nickname: "" });
    const after = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string; nickname: string | null }>;
    expect(after.find((m) => m.id === app!.id)?.nickname).toBeNull();
  });

  it.each([
    ["nl", "Er is een aanmeldmethode van je account verwijderd: je herstelcodes."],
    ["en", "A sign-in method was removed from your account: your recovery codes."],
  ] as const)("removing recovery codes: the email names them by their own name (%s)", async (locale, sentence) => {
    const { browser, email } = await personWithPhone(locale);
    expect((await browser.call("methods.generateRecoveryCodes", {})).status).toBe(200);
    const methods = (await browser.call("methods.list", undefined, { method: "GET" })).body.result!.data as Array<{ id: string; labelKey: string }>;
    const codes = methods.find((m) => m.labelKey === "recovery_code")!;
    expect((await browser.call("methods.remove", { methodId: codes.id })).status).toBe(200);
    const [notice] = await queuedEmails({ recipient: email, template: "method_removed" });
    expect(notice!.body).toContain(sentence);
    expect(notice!.body).not.toContain("methods.");
  });

  it("the default-changed notice names the way and the method, in the person's language", async () => {
    const { browser, phone, email } = await personWithPhone("nl");
    expect((await browser.call("methods.setDefault", { methodId: phone.id, channel: "voice" })).status).toBe(200);
    const [notice] = await queuedEmails({ recipient: email, template: "default_changed" });
    expect(notice!.body).toContain(`Bij het aanmelden biedt Tweestap nu eerst een oproep aan, met je mobiele telefoon ${phone.detail}.`);
  });

  it("adding an authenticator app: the notice names an authenticator app, not a phone", async () => {
    const person = await createTestPerson({ policy: "lenient", authenticator: false });
    const browser = new Browser();
    const step = (await browser.call("signIn.password", { username: person.username, password: person.password })).body.result!.data as {
      attemptId: string;
      completionToken: string;
    };
    const session = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo());
    await browser.adoptSession(session!.sessionId, session!.personId);
    const setup = (await browser.call("methods.beginAuthenticator", {})).body.result!.data as { methodId: string; manualKey: string };
    const code = await totpCodeAt({ secret: base32Decode(setup.manualKey)!, algorithm: "sha1", digits: 6, period: 30 }, now());
    expect((await browser.call("methods.confirmAuthenticator", { methodId: setup.methodId, code })).status).toBe(200);
    const [notice] = await queuedEmails({ recipient: `${person.username}@example.test`, template: "method_added" });
    expect(notice!.body).toContain("Je authenticator-app is aan je account toegevoegd.");
    const db = await getDb();
    const [added] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "method.added")));
    expect(added?.detail).toMatchObject({ kind: "totp", label: "totp", methodId: setup.methodId });
  });
});
