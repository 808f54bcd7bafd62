import { afterEach, describe, expect, it } from "vitest";
import { clearInboundConsumersForTests, INBOUND_EVENT_TYPES, inboundEventConsumed, inboundEventTypesFor } from "./delivery/inbound-events";
import { allChannels } from "./verification/methods/registry";
import { wireApp } from "./wiring";

afterEach(() => clearInboundConsumersForTests());

describe("the start-up wiring", () => {
  it("gives every event of the channels the methods offer to its consumer, and wiring twice changes nothing", () => {
    const required = inboundEventTypesFor(allChannels());
    expect(required).toContain("call_keys");
    expect(INBOUND_EVENT_TYPES.filter(inboundEventConsumed)).toEqual([]);
    wireApp();
    wireApp();
    expect(required.filter(inboundEventConsumed)).toEqual(required);
  });
});
