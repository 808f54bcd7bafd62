import { afterEach, describe, expect, it } from "vitest";
import { clearInboundConsumersForTests, INBOUND_EVENT_TYPES, inboundEventConsumed } from "./delivery/inbound-events";
import { wireApp } from "./wiring";

afterEach(() => clearInboundConsumersForTests());

describe("the start-up wiring", () => {
  it("gives every call event delivery raises to the phone method, and wiring twice changes nothing", () => {
    const types = [...INBOUND_EVENT_TYPES];
    expect(types.filter(inboundEventConsumed)).toEqual([]);
    wireApp();
    wireApp();
    expect(types.filter(inboundEventConsumed)).toEqual(types);
  });
});
