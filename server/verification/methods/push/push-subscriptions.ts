import { sql } from "drizzle-orm";
import { pushDevices } from "@/db/schema";
import type { InboundConsumer } from "../../../delivery/inbound-events";

/**
 * The push method's part of the inbound port (wired in server/wiring.ts): when a push service
 * answers that a subscription is gone (404 or 410), the device that gave it forgets it, so nothing
 * more is sent there; the device still hears its requests by the event stream, and gives a new
 * subscription when it has one.
 */
export const pushSubscriptionEvents: InboundConsumer = {
  consumer: "push",
  handles: ["push_subscription_gone"],
  handle: async (db, delivery) => {
    if (delivery.event.type !== "push_subscription_gone") return;
    await db.update(pushDevices).set({ pushSubscription: null }).where(sql`${pushDevices.pushSubscription}->>'endpoint' = ${delivery.event.endpoint}`);
  },
};
