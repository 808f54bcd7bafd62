/**
 * The start-up wiring: ports whose consumers live in another domain are connected here, once per
 * process, before anything is served. Delivery raises inbound events (a call answered, keys
 * pressed) and the methods that consume them register through the registry.
 *
 * Called by prepareApp() (npm start, npm run dev, setup, bench), by Next's instrumentation hook
 * (instrumentation.ts: route handlers and pages) and by the integration-test setup. Calling it
 * again changes nothing.
 */
import { INBOUND_EVENT_TYPES, inboundEventConsumed, onInboundEvent } from "./delivery/inbound-events";
import { inboundConsumers } from "./verification/methods/registry";

export function wireApp(): void {
  for (const consumer of inboundConsumers()) onInboundEvent(consumer);
  // Every event delivery raises has a consumer, or the app does not start.
  const unconsumed = INBOUND_EVENT_TYPES.filter((type) => !inboundEventConsumed(type));
  if (unconsumed.length > 0) throw new Error(`Nothing consumes inbound events ${unconsumed.join(", ")}: add the method's inbound part to the registry.`);
}
