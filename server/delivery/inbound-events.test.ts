import { afterEach, describe, expect, it } from "vitest";
import type { Executor } from "@/db/client";
import {
  clearInboundConsumersForTests,
  INBOUND_EVENT_TYPES,
  inboundEventConsumed,
  inboundEventTypesFor,
  type InboundDelivery,
  onInboundEvent,
  raiseInboundEvent,
} from "./inbound-events";

const db = {} as Executor;
const answered: InboundDelivery = {
  messageId: "7f0c1c9e-0000-4000-8000-000000000001",
  provider: "simulated",
  at: new Date("2026-12-01T09:00:00Z"),
  event: { type: "call_answered" },
};

afterEach(() => clearInboundConsumersForTests());

describe("the inbound port", () => {
  it("an event nobody consumes fails loudly instead of dropping a call's answer", async () => {
    await expect(raiseInboundEvent(db, answered)).rejects.toThrow(/No consumer for inbound event call_answered/);
  });

  it("hands an event to the consumer registered for its type, with the executor it was raised in", async () => {
    const seen: Array<{ db: Executor; delivery: InboundDelivery }> = [];
    onInboundEvent({ consumer: "phone", handles: ["call_answered"], handle: async (d, delivery) => void seen.push({ db: d, delivery }) });
    await raiseInboundEvent(db, answered);
    expect(seen).toEqual([{ db, delivery: answered }]);
    await expect(raiseInboundEvent(db, { ...answered, event: { type: "call_declined" } })).rejects.toThrow(/call_declined/);
  });

  it("the same consumer registering again replaces itself; another consumer cannot take its events", async () => {
    const seen: string[] = [];
    onInboundEvent({ consumer: "phone", handles: ["call_keys"], handle: async () => void seen.push("first") });
    onInboundEvent({ consumer: "phone", handles: ["call_keys"], handle: async () => void seen.push("second") });
    expect(() => onInboundEvent({ consumer: "push", handles: ["call_keys"], handle: async () => undefined })).toThrow(/consumed by phone already/);
    await raiseInboundEvent(db, { ...answered, event: { type: "call_keys", keys: "47#" } });
    expect(seen).toEqual(["second"]);
    expect(inboundEventConsumed("call_keys")).toBe(true);
  });

  it("a channel's events must be consumed once a method offers the channel: the calls' with voice, push_subscription_gone with push", () => {
    expect(inboundEventTypesFor(["totp", "sms", "voice"])).toEqual(["call_answered", "call_declined", "call_keys", "call_fraud_reported", "call_no_answer"]);
    expect(inboundEventTypesFor(["push"])).toEqual(["push_subscription_gone"]);
    expect(inboundEventTypesFor(["totp", "sms", "recovery_code"])).toEqual([]);
    expect([...INBOUND_EVENT_TYPES].sort()).toEqual([...inboundEventTypesFor(["voice", "push"])].sort());
  });
});
