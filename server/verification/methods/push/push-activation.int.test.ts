import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, mfaMethods, outboxMessages, pushDevices } from "@/db/schema";
import { moveClockForTests } from "@/server/core/clock";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { beginPushActivation, newCompanion, personWithPush, routeTransport } from "@/test/push";
import { signedInWithCode } from "@/test/sign-in";

const codeOf = (response: { body: Record<string, unknown> }) => (response.body.error as { code?: string } | undefined)?.code;
const wrong = (code: string) => code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));

async function started() {
  const person = await createTestPerson({ policy: "strict", authenticator: true });
  const browser = await signedInWithCode(person);
  return { person, browser, shown: await beginPushActivation(browser) };
}

// The worker's database opens and migrates here (the hook's longer timeout), not in the first test.
beforeAll(async () => {
  await getDb();
});

describe("activating the companion authenticator (security info: receive notifications)", () => {
  it("shows a 15-digit code in groups of three, the activation URL and a QR code for the authenticator's add page", async () => {
    const { shown } = await started();
    expect(shown.code).toMatch(/^\d{3}( \d{3}){4}$/);
    expect(shown.activationId).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(shown.activationUrl).toBe(`http://localhost:3000/api/authenticator/activate/${shown.activationId}`);
    // The QR code's address carries the URL and the code in its fragment (never sent to a server).
    const qr = new URL(shown.qrPayload);
    expect(qr.pathname).toBe("/authenticator/add");
    const fragment = new URLSearchParams(qr.hash.slice(1));
    expect(fragment.get("url")).toBe(shown.activationUrl);
    expect(fragment.get("code")).toBe(shown.code.replace(/ /g, ""));
  });

  it("the right code activates the device: push and a linked code method, whose secret the app gets once and whose codes sign in", async () => {
    const { person, browser, shown } = await started();
    const companion = await newCompanion();
    const activated = await companion.activate({ activationUrl: shown.activationUrl, code: shown.code, deviceName: "Pixel 8" });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ deviceId: shown.methodId, server: "http://localhost:3000", account: { username: person.username } });
    expect(companion.codes!.otpauthUri).toMatch(/^otpauth:\/\/totp\//);

    const db = await getDb();
    const [device] = await db.select().from(pushDevices).where(eq(pushDevices.methodId, shown.methodId));
    // Only the public key is registered.
    expect(JSON.parse(device!.publicKeyJwk)).toEqual({ kty: "EC", crv: "P-256", x: companion.publicKeyJwk.x, y: companion.publicKeyJwk.y });
    const methods = await db.select().from(mfaMethods).where(eq(mfaMethods.personId, person.id));
    const push = methods.find((m) => m.id === shown.methodId)!;
    const linked = methods.find((m) => m.id === device!.linkedTotpMethodId)!;
    expect(push).toMatchObject({ kind: "push", nickname: "Pixel 8" });
    expect(push.confirmedAt).not.toBeNull();
    expect(linked).toMatchObject({ kind: "totp", nickname: "Pixel 8" });
    expect(linked.confirmedAt).not.toBeNull();

    // Security info's wait is over; it lists both.
    expect((await browser.call("methods.pushActivation", { activationId: shown.activationId }, { method: "GET" })).body.result!.data).toEqual({
      state: "activated",
      methodId: shown.methodId,
    });
    const listed = (await browser.call("methods.list", {}, { method: "GET" })).body.result!.data as Array<{ id: string; labelKey: string }>;
    expect(
      listed
        .filter((m) => [shown.methodId, linked.id].includes(m.id))
        .map((m) => m.labelKey)
        .sort(),
    ).toEqual(["push", "totp"]);

    // Audit rows for both, one notice for the activation.
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPersonId, person.id), eq(auditEvents.action, "method.added")));
    expect(audits.map((a) => (a.detail as { methodId: string }).methodId).sort()).toEqual([shown.methodId, linked.id].sort());
    const notices = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.personId, person.id), eq(outboxMessages.template, "method_added")));
    expect(notices).toHaveLength(1);

    // The app's codes sign in, offline (computed on the phone from the secret).
    const fresh = new Browser();
    await fresh.call("signIn.password", { username: person.username, password: person.password });
    const signedIn = await fresh.call("signIn.code", { code: companion.code() });
    expect(signedIn.body.result!.data).toMatchObject({ status: "completed" });
  });

  it("a wrong code costs one of 5 tries (the answer says how many are left); after 5, even the right code is refused", async () => {
    const { shown } = await started();
    const companion = await newCompanion();
    for (let left = 4; left >= 0; left--) {
      const refused = await companion.activate({ activationId: shown.activationId, code: wrong(shown.code) });
      expect(refused.status).toBe(400);
      expect(codeOf(refused)).toBe("MFA_ACTIVATION_CODE_WRONG");
      expect((refused.body.error as { message: string }).message).toContain(String(left));
    }
    const late = await companion.activate({ activationId: shown.activationId, code: shown.code });
    expect(codeOf(late)).toBe("MFA_ACTIVATION_EXPIRED");
    expect(companion.deviceId).toBeNull();
  });

  it("five wrong codes at once count five tries: the sixth is refused whatever it is", async () => {
    const { shown } = await started();
    const companions = await Promise.all(Array.from({ length: 6 }, () => newCompanion()));
    const answers = await Promise.all(companions.slice(0, 5).map((c) => c.activate({ activationId: shown.activationId, code: wrong(shown.code) })));
    expect(answers.map(codeOf)).toEqual(Array(5).fill("MFA_ACTIVATION_CODE_WRONG"));
    expect(codeOf(await companions[5]!.activate({ activationId: shown.activationId, code: shown.code }))).toBe("MFA_ACTIVATION_EXPIRED");
  });

  it("a code works once and for 10 minutes", async () => {
    const first = await started();
    const phone = await newCompanion();
    expect((await phone.activate({ activationUrl: first.shown.activationUrl, code: first.shown.code })).status).toBe(200);
    // The same activation again, from another phone: used.
    const other = await newCompanion();
    expect(codeOf(await other.activate({ activationUrl: first.shown.activationUrl, code: first.shown.code }))).toBe("MFA_ACTIVATION_EXPIRED");

    const second = await started();
    moveClockForTests(10 * 60 * 1000 + 1000);
    const late = await newCompanion();
    expect(codeOf(await late.activate({ activationUrl: second.shown.activationUrl, code: second.shown.code }))).toBe("MFA_ACTIVATION_EXPIRED");
    expect((await second.browser.call("methods.pushActivation", { activationId: second.shown.activationId }, { method: "GET" })).body.result!.data).toEqual({ state: "expired" });
  });

  it("the ID and code may be typed by hand: any case, with or without dashes and spaces", async () => {
    const { shown } = await started();
    const companion = await newCompanion();
    const typed = await companion.activate({ activationId: shown.activationId.replace(/-/g, "").toLowerCase(), code: shown.code.replace(/ /g, "-") });
    expect(typed.status).toBe(200);
  });

  it("starting again replaces the activation in progress: the first one stops working", async () => {
    const { browser, shown } = await started();
    const again = await beginPushActivation(browser);
    const companion = await newCompanion();
    expect(codeOf(await companion.activate({ activationUrl: shown.activationUrl, code: shown.code }))).toBe("MFA_ACTIVATION_EXPIRED");
    expect((await companion.activate({ activationUrl: again.activationUrl, code: again.code })).status).toBe(200);
  });

  it("refuses a private key, a key that is not a P-256 point, and an activation URL of another server", async () => {
    const { shown } = await started();
    const companion = await newCompanion();
    const send = (body: Record<string, unknown>) =>
      routeTransport({ method: "POST", path: "/api/authenticator/activate", body: { activationId: shown.activationId, code: shown.code, deviceName: "x", ...body } });
    const withPrivate = await send({ publicKeyJwk: { ...companion.publicKeyJwk, d: "A".repeat(43) } });
    expect(withPrivate.status).toBe(400);
    expect(((await withPrivate.json()) as { error: { code: string } }).error.code).toBe("INPUT_INVALID");
    const offCurve = await send({ publicKeyJwk: { kty: "EC", crv: "P-256", x: "A".repeat(43), y: "A".repeat(43) } });
    expect(((await offCurve.json()) as { error: { code: string } }).error.code).toBe("INPUT_INVALID");
    const elsewhere = await companion.activate({ activationUrl: `https://evil.example/api/authenticator/activate/${shown.activationId}`, code: shown.code });
    expect(codeOf(elsewhere)).toBe("MFA_ACTIVATION_EXPIRED");
    // None of these cost a try: the right code still works.
    expect((await companion.activate({ activationId: shown.activationId, code: shown.code })).status).toBe(200);
  });

  it("another person's activation cannot be watched", async () => {
    const { shown } = await started();
    const stranger = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    const answer = await stranger.call("methods.pushActivation", { activationId: shown.activationId }, { method: "GET" });
    expect(answer.body.error?.data.appCode).toBe("NOT_FOUND");
  });

  it("removing the push method on security info removes its linked codes too, and the device is no longer activated", async () => {
    const { person, browser, companion, pushMethodId } = await personWithPush();
    const db = await getDb();
    const [device] = await db.select().from(pushDevices).where(eq(pushDevices.methodId, pushMethodId));
    const removed = await browser.call("methods.remove", { methodId: pushMethodId });
    expect(removed.status).toBe(200);
    const [linked] = await db.select().from(mfaMethods).where(eq(mfaMethods.id, device!.linkedTotpMethodId!));
    expect(linked!.removedAt).not.toBeNull();
    const listed = await companion.requests();
    expect(listed.status).toBe(401);
    expect(listed.error?.code).toBe("MFA_DEVICE_NOT_ACTIVATED");
    // The app's codes no longer sign in either; the person's first app still does.
    const fresh = new Browser();
    await fresh.call("signIn.password", { username: person.username, password: person.password });
    expect((await fresh.call("signIn.code", { code: companion.code() })).body.error?.data.appCode).toBe("MFA_CODE_INVALID");
  });
});
