import { afterEach, describe, expect, it } from "vitest";
import { clearInboundConsumersForTests, inboundEventConsumed, type InboundEventType } from "./delivery/inbound-events";
import { wireApp } from "./wiring";

afterEach(() => clearInboundConsumersForTests());

describe("the start-up wiring", () => {
  it("gives every call event delivery raises to the phone method, and wiring twice changes nothing", () => {
    const types: InboundEventType[] = ["call_answered", "call_declined", "call_keys", "call_fraud_reported", "call_no_answer"];
    expect(types.filter(inboundEventConsumed)).toEqual([]);
    wireApp();
    wireApp();
    expect(types.filter(inboundEventConsumed)).toEqual(types);
  });
});
