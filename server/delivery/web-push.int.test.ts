import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { deliveryAttempts, outboxMessages, signInEvents } from "@/db/schema";
import { startLocalPushService, type LocalPushService, type TestSubscription } from "@/test/push-service";
import { TEST_KEYS } from "@/test/test-keys";
import { moveClockForTests, now } from "../core/clock";
import { generateVapidKeys, resetEnvForTests } from "../core/env";
import { wireApp } from "../wiring";
import { clearInboundConsumersForTests, type InboundDelivery, onInboundEvent } from "./inbound-events";
import { enqueuePush } from "./push";
import { webPushPublicKey } from "./web-push-keys";
import { deliverDueMessages, deliverNow } from "./worker";

const services: LocalPushService[] = [];
const saved = { VAPID_PUBLIC_KEY: process.env.VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: process.env.VAPID_PRIVATE_KEY };

afterEach(async () => {
  Object.assign(process.env, saved);
  resetEnvForTests();
  // The recording consumers below replace the app's; wire the app again.
  clearInboundConsumersForTests();
  wireApp();
  await Promise.all(services.splice(0).map((s) => s.close()));
});

async function pushService() {
  const service = await startLocalPushService();
  services.push(service);
  // Subscribed with our public key, as the authenticator will (PushManager.subscribe).
  return { service, subscription: service.subscribe(webPushPublicKey()) };
}

/** Consumes push_subscription_gone in place of the push method (delivery tested on its own), recording what it got. */
function recordGoneEvents(options: { failing?: () => boolean } = {}): InboundDelivery[] {
  const seen: InboundDelivery[] = [];
  clearInboundConsumersForTests();
  onInboundEvent({
    consumer: "push-test",
    handles: ["push_subscription_gone"],
    handle: async (_db, delivery) => {
      if (options.failing?.()) throw new Error("the consumer is down");
      seen.push(delivery);
    },
  });
  return seen;
}

const payload = () => ({ type: "sign_in_request", challengeId: randomUUID() });

async function queue(subscription: TestSubscription, input: { ttlSeconds?: number; maxAttempts?: number; correlationId?: string; body?: ReturnType<typeof payload> } = {}) {
  const db = await getDb();
  const queued = input.body ?? payload();
  const id = await enqueuePush(db, {
    subscription: subscription.json,
    payload: queued,
    ttlSeconds: input.ttlSeconds ?? 120,
    urgency: "high",
    topic: "sign-in",
    personId: null,
    locale: "en",
    correlationId: input.correlationId ?? null,
    maxAttempts: input.maxAttempts,
  });
  return { id, queued };
}

async function row(id: string) {
  const db = await getDb();
  return (await db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;
}

async function attempts(id: string) {
  const db = await getDb();
  return (await db.select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, id)).orderBy(deliveryAttempts.id)).map((a) => ({ status: a.status, detail: a.detail }));
}

describe("Web Push through the outbox, against a local push service", () => {
  it("a queued push is delivered by the worker: the VAPID token checks out for the endpoint's origin and the payload decrypts to what was queued", async () => {
    const { service, subscription } = await pushService();
    const correlationId = randomUUID();
    const { id, queued } = await queue(subscription, { correlationId });
    const waiting = await row(id);
    expect(waiting).toMatchObject({ channel: "push", recipient: subscription.json.endpoint, template: "sign_in_request", state: "pending" });
    // The keys and payload are sealed, not stored in the clear.
    expect(waiting.contentEnvelope).toMatch(/^sb1\./);
    expect(waiting.contentEnvelope).not.toContain(queued.challengeId);

    expect(await deliverNow(id)).toBe("sent");
    expect(service.received).toHaveLength(1);
    const push = service.received[0]!;
    expect(push).toMatchObject({ subscriptionId: subscription.id, status: 201, problem: null, urgency: "high", topic: "sign-in" });
    expect(JSON.parse(push.payload!)).toEqual(queued);
    expect(push.vapid).toMatchObject({ aud: service.origin, sub: "mailto:no-reply@localhost" });
    expect(push.vapid!.exp * 1000).toBeGreaterThan(Date.now());
    expect(push.ttl).toBeGreaterThan(110);
    expect(push.ttl).toBeLessThanOrEqual(120);

    expect(await row(id)).toMatchObject({ state: "sent", provider: "web-push", contentEnvelope: null, attempts: 1, lastError: null });
    expect(await attempts(id)).toEqual([{ status: "accepted", detail: null }]);
    const db = await getDb();
    const events = await db.select().from(signInEvents).where(eq(signInEvents.correlationId, correlationId));
    expect(events.map((e) => [e.step, e.method, e.result, e.detail?.status])).toEqual([["delivery", "push", "success", "accepted"]]);
    expect(await deliverNow(id)).toBeNull();
    expect(service.received).toHaveLength(1);
  });

  it("is delivered once when workers race for it (the outbox's claim)", async () => {
    const { service, subscription } = await pushService();
    const { id } = await queue(subscription);
    const [first, second, , third] = await Promise.all([deliverNow(id), deliverNow(id), deliverDueMessages(), deliverNow(id)]);
    for (const result of [first, second, third]) expect(["sent", null]).toContain(result);
    expect(service.received.filter((p) => p.subscriptionId === subscription.id)).toHaveLength(1);
    expect(await attempts(id)).toEqual([{ status: "accepted", detail: null }]);
    expect(await row(id)).toMatchObject({ state: "sent", attempts: 1 });
  });

  it("signed with another VAPID key than the subscription's, the push service refuses it and the message fails for good", async () => {
    const { service, subscription } = await pushService();
    const other = generateVapidKeys();
    Object.assign(process.env, { VAPID_PUBLIC_KEY: other.publicKey, VAPID_PRIVATE_KEY: other.privateKey });
    resetEnvForTests();
    expect(webPushPublicKey()).not.toBe(TEST_KEYS.VAPID_PUBLIC_KEY);
    const { id } = await queue(subscription);
    expect(await deliverNow(id)).toBe("dead");
    expect(service.received).toEqual([expect.objectContaining({ status: 403, problem: "not the key this subscription was made for", payload: null })]);
    expect(await row(id)).toMatchObject({ state: "dead", lastError: "push_rejected", contentEnvelope: null });
    expect(await attempts(id)).toEqual([{ status: "failed", detail: { error: "push_rejected", httpStatus: 403 } }]);
  });

  it("410 Gone: the message fails with subscription_expired and push_subscription_gone reaches its consumer; 404 alike", async () => {
    const seen = recordGoneEvents();
    const { service, subscription } = await pushService();
    service.unsubscribe(subscription);
    const { id } = await queue(subscription);
    expect(await deliverNow(id)).toBe("dead");
    expect(service.received.map((p) => p.status)).toEqual([410]);
    expect(await row(id)).toMatchObject({ state: "dead", lastError: "subscription_expired", contentEnvelope: null });
    expect(await attempts(id)).toEqual([{ status: "failed", detail: { error: "subscription_expired", httpStatus: 410 } }]);
    expect(seen).toEqual([{ messageId: id, provider: "web-push", at: expect.any(Date), event: { type: "push_subscription_gone", endpoint: subscription.json.endpoint } }]);
    moveClockForTests(60_000);
    expect(await deliverNow(id)).toBeNull();
    expect(service.received).toHaveLength(1);

    // A subscription the push service never knew (or forgot) answers 404.
    const unknown = { ...subscription, json: { ...subscription.json, endpoint: `${service.origin}/push/${randomUUID()}` } };
    const { id: second } = await queue(unknown);
    expect(await deliverNow(second)).toBe("dead");
    expect(await row(second)).toMatchObject({ lastError: "subscription_expired" });
    expect(seen.map((d) => d.messageId)).toEqual([id, second]);
  });

  it("when the consumer of push_subscription_gone fails, the message is tried again instead of failing unheard", async () => {
    let down = true;
    const seen = recordGoneEvents({ failing: () => down });
    const { service, subscription } = await pushService();
    service.unsubscribe(subscription);
    const { id } = await queue(subscription);
    expect(await deliverNow(id)).toBe("retry");
    expect(await row(id)).toMatchObject({ state: "pending", lastError: "subscription_expired; its consumer failed" });
    down = false;
    moveClockForTests(2_000);
    expect(await deliverNow(id)).toBe("dead");
    expect(await row(id)).toMatchObject({ state: "dead", lastError: "subscription_expired" });
    expect(seen.map((d) => d.messageId)).toEqual([id]);
  });

  it("429: tried again after the push service's Retry-After, with what is left of the TTL, then delivered", async () => {
    const { service, subscription } = await pushService();
    service.answerWith(429, { retryAfter: "30" });
    const { id, queued } = await queue(subscription, { ttlSeconds: 120 });
    const queuedAt = now();
    expect(await deliverNow(id)).toBe("retry");
    const waiting = await row(id);
    expect(waiting).toMatchObject({ state: "pending", attempts: 1, lastError: "ProviderError: HTTP 429" });
    expect(waiting.contentEnvelope).not.toBeNull();
    expect(Math.round((waiting.nextAttemptAt.getTime() - queuedAt.getTime()) / 1000)).toBe(30);

    moveClockForTests(29_000);
    expect(await deliverNow(id)).toBeNull();
    moveClockForTests(1_000);
    expect(await deliverNow(id)).toBe("sent");
    expect(service.received.map((p) => p.status)).toEqual([429, 201]);
    expect(JSON.parse(service.received[1]!.payload!)).toEqual(queued);
    expect(service.received[1]!.ttl).toBeLessThanOrEqual(90);
    expect(service.received[1]!.ttl).toBeGreaterThan(80);
    expect((await attempts(id)).map((a) => [a.status, a.detail?.httpStatus ?? null])).toEqual([
      ["failed", 429],
      ["accepted", null],
    ]);
  });

  it("5xx backs off like every provider and gives up after the message's rounds; a TTL run out ends it unsent", async () => {
    const { service, subscription } = await pushService();
    service.answerWith(503, { times: 2 });
    const { id } = await queue(subscription, { maxAttempts: 2 });
    expect(await deliverNow(id)).toBe("retry");
    expect(await deliverNow(id)).toBeNull(); // backing off (2 s)
    moveClockForTests(2_000);
    expect(await deliverNow(id)).toBe("dead");
    expect(await row(id)).toMatchObject({ state: "dead", lastError: "ProviderError: HTTP 503", contentEnvelope: null });

    service.answerWith(503);
    const { id: late } = await queue(subscription, { ttlSeconds: 60 });
    expect(await deliverNow(late)).toBe("retry");
    moveClockForTests(61_000);
    expect(await deliverNow(late)).toBe("dead");
    expect(await row(late)).toMatchObject({ state: "dead", lastError: "ttl_expired" });
    // The expired message never reached the push service again.
    expect(service.received.map((p) => p.status)).toEqual([503, 503, 503]);
  });
});
