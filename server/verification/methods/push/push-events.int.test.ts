import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaMethods, pushDevices } from "@/db/schema";
import { now } from "@/server/core/clock";
import { raiseInboundEvent } from "@/server/delivery/inbound-events";
import { retireMethods } from "@/server/verification/methods/registry";
import { Browser } from "@/test/http";
import { personWithPush, routeTransport } from "@/test/push";

async function signInByPush(username: string, password: string, methodId: string) {
  const browser = new Browser();
  await browser.call("signIn.password", { username, password });
  const chosen = await browser.call("signIn.chooseMethod", { methodId, channel: "push" });
  return { browser, matchNumber: (chosen.body.result!.data as { matchNumber: string }).matchNumber };
}

// The worker's database opens and migrates here (the hook's longer timeout), not in the first test.
beforeAll(async () => {
  await getDb();
});

describe("the device's event stream (Server-Sent Events, fed by LISTEN/NOTIFY)", () => {
  it("says ready, hints each new request as it is made (never its number), and 'not-activated' when the device is removed", async () => {
    const who = await personWithPush();
    const abort = new AbortController();
    try {
      const stream = await who.companion.openEvents(abort.signal);
      expect(stream.status).toBe(200);
      expect(await stream.next("ready")).toEqual({ deviceId: who.pushMethodId });

      const { matchNumber } = await signInByPush(who.person.username, who.person.password, who.pushMethodId);
      const hint = (await stream.next("challenge")) as { challengeId: string };
      const [request] = (await who.companion.requests()).requests;
      expect(hint).toEqual({ challengeId: request!.challengeId });
      expect(JSON.stringify(stream.events)).not.toContain(matchNumber);

      expect((await who.browser.call("methods.remove", { methodId: who.pushMethodId })).status).toBe(200);
      expect(await stream.next("not-activated")).toEqual({});
    } finally {
      abort.abort();
    }
  });

  it("a device that connects after a request was made hears of it at once", async () => {
    const who = await personWithPush();
    await signInByPush(who.person.username, who.person.password, who.pushMethodId);
    const abort = new AbortController();
    try {
      const stream = await who.companion.openEvents(abort.signal);
      await stream.next("ready");
      const hint = (await stream.next("challenge")) as { challengeId: string };
      expect(hint.challengeId).toBe((await who.companion.requests()).requests[0]!.challengeId);
    } finally {
      abort.abort();
    }
  });

  it("is refused, as JSON in the one error shape, without a valid signature in the address", async () => {
    const who = await personWithPush();
    const query = await who.companion.eventsQuery();
    const forged = await routeTransport({
      method: "GET",
      path: "/api/authenticator/events",
      query: { ...query, signature: `${query.signature!.startsWith("A") ? "B" : "A"}${query.signature!.slice(1)}` },
    });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("MFA_DEVICE_SIGNATURE_INVALID");
    const unsigned = await routeTransport({ method: "GET", path: "/api/authenticator/events", query: { deviceId: query.deviceId! } });
    expect(unsigned.status).toBe(400);
  });
});

describe("push devices go with the one reset (retireAll through the registry)", () => {
  it('"lost phone": securing the account with the push method retires the device and its codes', async () => {
    const who = await personWithPush();
    const secured = await who.browser.call("methods.secureLostPhone", { methodIds: [who.pushMethodId] });
    expect(secured.status).toBe(200);
    expect((await who.companion.requests()).error?.code).toBe("MFA_DEVICE_NOT_ACTIVATED");
    const db = await getDb();
    const [device] = await db.select().from(pushDevices).where(eq(pushDevices.methodId, who.pushMethodId));
    const [linked] = await db.select().from(mfaMethods).where(eq(mfaMethods.id, device!.linkedTotpMethodId!));
    expect(linked!.removedAt).not.toBeNull();
  });

  it("the helpdesk's reset of every kind retires push devices with no edit of its own", async () => {
    const who = await personWithPush();
    const db = await getDb();
    const retired = await db.transaction((tx) => retireMethods(tx, { personId: who.person.id, at: now(), kinds: "all" }));
    expect(retired.byKind.push).toBe(1);
    expect((await who.companion.requests()).error?.code).toBe("MFA_DEVICE_NOT_ACTIVATED");
  });
});

describe("a push service's answer (the inbound port)", () => {
  it("push_subscription_gone: the device that gave that subscription forgets it, another device keeps its own", async () => {
    const db = await getDb();
    const gone = await personWithPush();
    const other = await personWithPush();
    const subscription = (endpoint: string) => ({ endpoint, keys: { p256dh: "key", auth: "secret" } });
    await db
      .update(pushDevices)
      .set({ pushSubscription: subscription("https://push.example.test/gone") })
      .where(eq(pushDevices.methodId, gone.pushMethodId));
    await db
      .update(pushDevices)
      .set({ pushSubscription: subscription("https://push.example.test/kept") })
      .where(eq(pushDevices.methodId, other.pushMethodId));

    // Through the wiring (test/integration-setup.ts wires the app as at start-up): the push method consumes it.
    await raiseInboundEvent(db, {
      messageId: randomUUID(),
      provider: "web-push",
      at: now(),
      event: { type: "push_subscription_gone", endpoint: "https://push.example.test/gone" },
    });

    const subscriptionOf = async (methodId: string) => (await db.select().from(pushDevices).where(eq(pushDevices.methodId, methodId)))[0]!.pushSubscription;
    expect(await subscriptionOf(gone.pushMethodId)).toBeNull();
    expect(await subscriptionOf(other.pushMethodId)).toEqual(subscription("https://push.example.test/kept"));
  });
});
