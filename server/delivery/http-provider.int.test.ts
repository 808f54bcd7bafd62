import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { deliveryAttempts, outboxMessages, phoneNumbers, signInEvents, voiceCalls } from "@/db/schema";
import { moveClockForTests, now } from "../core/clock";
import { resetEnvForTests } from "../core/env";
import { factorStepState } from "../verification/sign-in-factor";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { POST as callbackRoute } from "@/app/api/delivery/callback/[provider]/route";
import { enqueueMessage } from "./enqueue";
import { receiveProviderCallback } from "./receive-callback";
import { deliverNow } from "./worker";
import { signBody } from "./signatures";

const SECRET = "provider-shared-secret-0123456789abcdef";
interface Received {
  path: string;
  body: Record<string, string>;
  headers: http.IncomingHttpHeaders;
}

/** A local provider that answers every request with `status`; it records what it received. */
async function localProvider(status: number) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: JSON.parse(raw || "{}"), headers: req.headers });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(status < 300 ? { status: "accepted", providerMessageId: `p-${received.length}` } : { error: "down" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A provider that answers every request with a 307 to `location` (which would take the POST along). */
async function redirectingProvider(location: string) {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits += 1;
    req.resume();
    req.on("end", () => {
      res.writeHead(307, { location });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, hits: () => hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const saved = { ...process.env };
const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const key of ["DELIVERY_HTTP_PROVIDERS", "SMS_PROVIDERS", "VOICE_PROVIDERS"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetEnvForTests();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function useProviders(providers: Array<{ name: string; url: string }>) {
  process.env.DELIVERY_HTTP_PROVIDERS = JSON.stringify(providers.map((p) => ({ ...p, secret: SECRET, timeoutMs: 2000 })));
  process.env.SMS_PROVIDERS = providers.map((p) => p.name).join(",");
  process.env.VOICE_PROVIDERS = providers.map((p) => p.name).join(",");
  resetEnvForTests();
}

let counter = 0;
async function atCodeStep() {
  const mobile = `+316${String(Number(process.env.VITEST_POOL_ID ?? 1) + 40).padStart(2, "0")}${String(++counter).padStart(6, "0")}`;
  const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
  const browser = new Browser();
  const step = await browser.call("signIn.password", { username: person.username, password: person.password });
  const options = (await factorStepState(browser.requestInfo())).options;
  return { person, browser, mobile, options, correlationId: (step.body.result!.data as { correlationId: string }).correlationId };
}

function signed(body: object, at = now()) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return { raw, headers: new Headers({ "x-tweestap-timestamp": timestamp, "x-tweestap-signature": signBody(SECRET, timestamp, raw) }) };
}

describe("HTTP text and voice providers", () => {
  it("fail over: the first answers 500, the text arrives through the second, both tries are in the sign-in's events", async () => {
    const down = await localProvider(500);
    const up = await localProvider(200);
    servers.push(down, up);
    useProviders([
      { name: "carrier-a", url: down.url },
      { name: "carrier-b", url: up.url },
    ]);
    const { browser, mobile, options, correlationId } = await atCodeStep();
    const sms = options.find((o) => o.channel === "sms")!;
    expect((await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" })).status).toBe(200);

    expect(down.received).toHaveLength(1);
    expect(up.received).toHaveLength(1);
    const sent = up.received[0]!;
    expect(sent.path).toBe("/messages");
    expect(sent.body).toMatchObject({ to: mobile, locale: "nl" });
    expect(sent.body.text).toMatch(/\b\d{6}\b/);
    expect(sent.headers["idempotency-key"]).toBe(sent.body.messageId);
    expect(sent.headers["x-tweestap-signature"]).toBe(signBody(SECRET, String(sent.headers["x-tweestap-timestamp"]), JSON.stringify(sent.body)));

    const db = await getDb();
    const events = await db.select().from(signInEvents).where(eq(signInEvents.correlationId, correlationId)).orderBy(signInEvents.id);
    const deliveries = events.filter((e) => e.step === "delivery").map((e) => [e.detail?.provider, e.result]);
    expect(deliveries).toEqual([
      ["carrier-a", "failure"],
      ["carrier-b", "success"],
    ]);
  });

  it("every provider failing: DELIVERY_FAILED with the advice to use another method", async () => {
    const down = await localProvider(503);
    servers.push(down);
    useProviders([{ name: "carrier-a", url: down.url }]);
    const { browser, options } = await atCodeStep();
    const sms = options.find((o) => o.channel === "sms")!;
    const failed = await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" }, { headers: { "x-tweestap-locale": "en" } });
    expect(failed.body.error!.data.appCode).toBe("DELIVERY_FAILED");
    expect(failed.body.error!.message).toContain("Sign in another way");
  });

  it("a redirect is never followed: the signed request stays with the configured URL, and the try fails", async () => {
    const elsewhere = await localProvider(200);
    const redirecting = await redirectingProvider(`${elsewhere.url}messages`);
    servers.push(elsewhere, redirecting);
    useProviders([{ name: "carrier-a", url: redirecting.url }]);
    const { browser, options, correlationId } = await atCodeStep();
    const sms = options.find((o) => o.channel === "sms")!;
    const failed = await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    expect(failed.body.error!.data.appCode).toBe("DELIVERY_FAILED");
    expect(redirecting.hits()).toBe(1);
    expect(elsewhere.received).toHaveLength(0);
    const db = await getDb();
    const events = await db.select().from(signInEvents).where(eq(signInEvents.correlationId, correlationId)).orderBy(signInEvents.id);
    expect(events.filter((e) => e.step === "delivery").map((e) => e.detail?.error)).toEqual([expect.stringContaining("redirect refused")]);
  });

  it("a dead-lettered message keeps no sealed content (the code in it is gone)", async () => {
    const down = await localProvider(503);
    servers.push(down);
    useProviders([{ name: "carrier-a", url: down.url }]);
    const { browser, options } = await atCodeStep();
    const sms = options.find((o) => o.channel === "sms")!;
    await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    const messageId = down.received[0]!.body.messageId!;
    const db = await getDb();
    const [dead] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, messageId));
    expect(dead).toMatchObject({ state: "dead", contentEnvelope: null, provider: null });
  });

  it("a callback moves only messages its own provider took: another provider's signed callback finds nothing", async () => {
    const up = await localProvider(200);
    const other = await localProvider(200);
    servers.push(up, other);
    useProviders([
      { name: "carrier-b", url: up.url },
      { name: "carrier-c", url: other.url },
    ]);
    const { browser, options } = await atCodeStep();
    const voice = options.find((o) => o.channel === "voice")!;
    expect((await browser.call("signIn.chooseMethod", { methodId: voice.methodId, channel: "voice" })).status).toBe(200);
    const messageId = up.received[0]!.body.messageId!;
    const db = await getDb();
    expect((await db.select().from(outboxMessages).where(eq(outboxMessages.id, messageId)))[0]!.provider).toBe("carrier-b");

    const foreign = signed({ messageId, event: "answered" });
    await expect(receiveProviderCallback("carrier-c", foreign.raw, foreign.headers)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const foreignDelivered = signed({ messageId, event: "failed" });
    await expect(receiveProviderCallback("carrier-c", foreignDelivered.raw, foreignDelivered.headers)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.select().from(voiceCalls).where(eq(voiceCalls.messageId, messageId)))[0]!.state).not.toBe("answered");
    const attempts = await db.select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, messageId));
    expect(attempts.map((a) => `${a.provider}:${a.status}`)).toEqual(["carrier-b:accepted"]);

    moveClockForTests(1_000);
    const own = signed({ messageId, event: "answered" });
    await receiveProviderCallback("carrier-b", own.raw, own.headers);
    expect((await db.select().from(voiceCalls).where(eq(voiceCalls.messageId, messageId)))[0]!.state).toBe("answered");
  });

  it("a call that only speaks (a code read out) tells the provider so; every call says how it goes", async () => {
    const up = await localProvider(200);
    servers.push(up);
    useProviders([{ name: "carrier-b", url: up.url }]);
    const db = await getDb();
    const spoken = {
      channel: "voice" as const,
      recipient: "+31201234567",
      personId: null,
      locale: "en" as const,
      template: "helpdesk_verification_call" as const,
      params: { reference: "TS-000001", code: "4 8 1 5 9 2", minutes: 10 },
      maxAttempts: 1,
    };
    const messageId = await enqueueMessage(db, { ...spoken, call: "spoken" });
    expect(await deliverNow(messageId)).toBe("sent");
    const placed = up.received.find((r) => r.body.messageId === messageId)!;
    expect(placed.path).toBe("/calls");
    expect(placed.body.mode).toBe("spoken");
    expect(placed.body.prompt).toContain("4 8 1 5 9 2");
    await expect(enqueueMessage(db, spoken)).rejects.toThrow(/says how it goes/);
    await expect(enqueueMessage(db, { ...spoken, channel: "sms", call: "spoken" })).rejects.toThrow(/only a call/);
  });

  it("signed callbacks move calls; stale, badly signed and replayed callbacks are refused", async () => {
    const up = await localProvider(200);
    servers.push(up);
    useProviders([{ name: "carrier-b", url: up.url }]);
    const { browser, options } = await atCodeStep();
    const voice = options.find((o) => o.channel === "voice")!;
    const chosen = await browser.call("signIn.chooseMethod", { methodId: voice.methodId, channel: "voice" });
    expect(chosen.status).toBe(200);
    const { matchNumber } = chosen.body.result!.data as { matchNumber: string };
    const placed = up.received[0]!;
    expect(placed.path).toBe("/calls");
    // The provider speaks the prompt: it asks for the number on the screen and never says it; it gathers the keys.
    expect(placed.body.prompt).not.toMatch(/[0-9]/);
    expect(placed.body.mode).toBe("keys");
    const messageId = placed.body.messageId!;

    const answered = signed({ messageId, event: "answered" });
    await receiveProviderCallback("carrier-b", answered.raw, answered.headers);
    await expect(receiveProviderCallback("carrier-b", answered.raw, answered.headers)).rejects.toMatchObject({ code: "CALLBACK_REJECTED", params: { reason: "replayed" } });

    const stale = signed({ messageId, event: "key_pressed", keys: "#" }, new Date(now().getTime() - 6 * 60_000));
    await expect(receiveProviderCallback("carrier-b", stale.raw, stale.headers)).rejects.toMatchObject({ code: "CALLBACK_REJECTED", params: { reason: "stale" } });
    const forged = signed({ messageId, event: "key_pressed", keys: "#" });
    forged.headers.set("x-tweestap-signature", signBody("not-the-secret-not-the-secret-0000", forged.headers.get("x-tweestap-timestamp")!, forged.raw));
    await expect(receiveProviderCallback("carrier-b", forged.raw, forged.headers)).rejects.toMatchObject({ code: "CALLBACK_REJECTED", params: { reason: "bad" } });

    const db = await getDb();
    expect((await db.select().from(voiceCalls).where(eq(voiceCalls.messageId, messageId)))[0]!.state).toBe("answered");
    moveClockForTests(5_000);
    const hash = signed({ messageId, event: "key_pressed", keys: `${matchNumber}#` });
    await receiveProviderCallback("carrier-b", hash.raw, hash.headers);
    expect((await browser.call("signIn.awaitedStatus", {})).body.result!.data).toMatchObject({ status: "completed" });
    const attempts = await db.select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, messageId)).orderBy(deliveryAttempts.id);
    expect(attempts.map((a) => a.status)).toEqual(["accepted", "answered", "key_pressed"]);
    // What was typed is recorded as a count, never the digits themselves.
    expect(attempts[2]!.detail).toEqual({ callState: "confirmed", digitsTyped: 2 });
  });

  it("a callback carrying a wrong number fails the call with MFA_CALL_WRONG_NUMBER; keys outside the contract are refused", async () => {
    const up = await localProvider(200);
    servers.push(up);
    useProviders([{ name: "carrier-b", url: up.url }]);
    const { browser, options } = await atCodeStep();
    const voice = options.find((o) => o.channel === "voice")!;
    const chosen = await browser.call("signIn.chooseMethod", { methodId: voice.methodId, channel: "voice" });
    const { matchNumber } = chosen.body.result!.data as { matchNumber: string };
    const messageId = up.received[0]!.body.messageId!;
    // Through the route a provider posts to (POST /api/delivery/callback/<name>).
    const post = async (body: object) => {
      moveClockForTests(1_000);
      const { raw, headers } = signed(body);
      const response = await callbackRoute(new Request("http://localhost/api/delivery/callback/carrier-b", { method: "POST", body: raw, headers }), {
        params: Promise.resolve({ provider: "carrier-b" }),
      });
      return { status: response.status, body: (await response.json()) as { ok?: true; error?: { code: string } } };
    };
    expect(await post({ messageId, event: "answered" })).toEqual({ status: 200, body: { ok: true } });

    for (const keys of ["47*", "abc#", "123456789#", ""]) {
      const refused = await post({ messageId, event: "key_pressed", keys });
      expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 400, code: "INPUT_INVALID" });
    }
    const db = await getDb();
    expect((await db.select().from(voiceCalls).where(eq(voiceCalls.messageId, messageId)))[0]!.state).toBe("answered");

    expect((await post({ messageId, event: "key_pressed", keys: `${matchNumber === "10" ? "11" : "10"}#` })).status).toBe(200);
    const failed = await browser.call("signIn.awaitedStatus", {});
    expect(failed.body.error?.data.appCode).toBe("MFA_CALL_WRONG_NUMBER");
    // Too late for the right number: the call has ended.
    await post({ messageId, event: "key_pressed", keys: `${matchNumber}#` });
    expect((await browser.call("signIn.awaitedStatus", {})).body.error?.data.appCode).toBe("MFA_CALL_WRONG_NUMBER");
  });

  it("a provider's no-answer report changes nothing (the ring time decides); its 0# reports fraud like the phone's", async () => {
    const up = await localProvider(200);
    servers.push(up);
    useProviders([{ name: "carrier-b", url: up.url }]);
    const { browser, options } = await atCodeStep();
    const voice = options.find((o) => o.channel === "voice")!;
    await browser.call("signIn.chooseMethod", { methodId: voice.methodId, channel: "voice" });
    const messageId = up.received[0]!.body.messageId!;
    const send = async (body: object) => {
      moveClockForTests(1_000);
      const { raw, headers } = signed(body);
      await receiveProviderCallback("carrier-b", raw, headers);
    };
    const db = await getDb();
    const callNow = async () => (await db.select().from(voiceCalls).where(eq(voiceCalls.messageId, messageId)))[0]!;

    await send({ messageId, event: "no_answer" });
    expect((await callNow()).state).toBe("ringing");
    expect((await browser.call("signIn.awaitedStatus", {})).body.result!.data).toEqual({ status: "waiting", state: "ringing" });

    await send({ messageId, event: "answered" });
    await send({ messageId, event: "key_pressed", keys: "0#" });
    expect((await callNow()).state).toBe("fraud_reported");
    expect((await browser.call("signIn.awaitedStatus", {})).body.error?.data.appCode).toBe("MFA_CALL_FRAUD_REPORTED");
    const [phone] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.methodId, voice.methodId));
    expect(phone!.suspendedAt).not.toBeNull();
    const attempts = await db.select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, messageId)).orderBy(deliveryAttempts.id);
    expect(attempts.map((a) => [a.status, a.detail?.callState ?? null])).toEqual([
      ["accepted", null],
      ["answered", "answered"],
      ["key_pressed", "fraud_reported"],
    ]);
  });
});
