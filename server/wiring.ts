/**
 * The start-up wiring: ports whose consumers live in another domain are connected here, once per
 * process, before anything is served. Delivery raises inbound events (a call answered, keys
 * pressed) and the methods that consume them register through the registry.
 *
 * Called by prepareApp() (npm start, npm run dev, setup, bench), by Next's instrumentation hook
 * (instrumentation.ts: route handlers and pages) and by the integration-test setup. Calling it
 * again changes nothing.
 */
import { inboundEventConsumed, inboundEventTypesFor, onInboundEvent } from "./delivery/inbound-events";
import { allChannels, inboundConsumers } from "./verification/methods/registry";

export function wireApp(): void {
  for (const consumer of inboundConsumers()) onInboundEvent(consumer);
  // Every event delivery raises about the channels the methods offer has a consumer, or the app
  // does not start (a channel's messages are sent by the method that offers it: sms, voice, push).
  const unconsumed = inboundEventTypesFor(allChannels()).filter((type) => !inboundEventConsumed(type));
  if (unconsumed.length > 0) throw new Error(`Nothing consumes inbound events ${unconsumed.join(", ")}: add the method's inbound part to the registry.`);
}
