import type { Channel } from "@/db/schema";
import { getEnv } from "../../env";
import type { DeliveryProvider } from "./provider";
import { simulatedProvider } from "./simulated";

const known: Record<string, DeliveryProvider> = { simulated: simulatedProvider };

/** The ordered providers (failover) configured for a channel; empty when the channel is off. */
export function providersFor(channel: Channel): DeliveryProvider[] {
  return getEnv()
    .deliveryProviders[channel].map((name) => known[name])
    .filter((p): p is DeliveryProvider => p !== undefined && p.channels.includes(channel));
}

export const KNOWN_PROVIDERS = Object.keys(known);
