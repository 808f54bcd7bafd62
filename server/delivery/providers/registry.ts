import type { Channel } from "@/db/schema";
import { getEnv } from "../../core/env";
import { httpProvider } from "./http";
import type { DeliveryProvider } from "./provider";
import { simulatedProvider } from "./simulated";
import { smtpProvider } from "./smtp";
import { webPushProvider } from "./web-push";

function provider(name: string): DeliveryProvider | undefined {
  if (name === "simulated") return simulatedProvider;
  if (name === "smtp") return smtpProvider;
  if (name === "web-push") return webPushProvider;
  const config = getEnv().httpProviders.find((p) => p.name === name);
  return config ? httpProvider(config) : undefined;
}

/** The ordered providers (failover) configured for a channel; empty when the channel is off. */
export function providersFor(channel: Channel): DeliveryProvider[] {
  return getEnv()
    .deliveryProviders[channel].map(provider)
    .filter((p): p is DeliveryProvider => p?.channels.includes(channel) === true);
}

/** The senders people may see for a channel, in failover order, without repeats. */
export function sendersFor(channel: "sms" | "voice"): string[] {
  return [
    ...new Set(
      providersFor(channel)
        .map((p) => p.senders[channel])
        .filter((s): s is string => Boolean(s)),
    ),
  ];
}
