/**
 * The registry of second-factor methods: one line per method. Everything that needs to know about
 * a kind (labels, channels, capabilities, and step by step the engine's parts) asks here.
 */
import type { InboundConsumer } from "../../delivery/inbound-events";
import type { Channel, MethodBasics, MethodDescription, MethodKind, MethodRow } from "./method";
import { phoneMethod } from "./phone/phone-method";
import { recoveryCodeMethod } from "./recovery-code/recovery-code-method";
import { totpMethod } from "./totp/totp-method";

const METHODS = {
  totp: totpMethod,
  phone: phoneMethod,
  recovery_code: recoveryCodeMethod,
} satisfies Record<MethodKind, MethodBasics>;

export function methodFor(kind: MethodKind): MethodBasics {
  return METHODS[kind];
}

/** The method kind a sign-in channel belongs to. */
export function kindOfChannel(channel: Channel): MethodKind {
  const found = Object.values(METHODS).find((m) => (m.channels as readonly Channel[]).includes(channel));
  if (!found) throw new Error(`no method offers channel ${channel}`);
  return found.kind;
}

export function describeMethod(row: MethodRow): MethodDescription {
  return methodFor(row.method.kind).describe(row);
}

export function allMethods(): MethodBasics[] {
  return Object.values(METHODS);
}

/** Whether a stored value (an attempt's method, say) is a channel some method offers. */
export function isChannel(value: string | null | undefined): value is Channel {
  return allMethods().some((m) => (m.channels as readonly string[]).includes(value ?? ""));
}

/** The RFC 8176 `amr` values a sign-in by this channel gives a session, from the method that offers it. */
export function amrOfChannel(channel: Channel): string[] {
  const amr = methodFor(kindOfChannel(channel)).amrByChannel[channel];
  if (!amr?.length) throw new Error(`method ${kindOfChannel(channel)} names no amr for channel ${channel}`);
  return [...amr];
}

/** The delivery events each method consumes, for the start-up wiring (server/wiring.ts). */
export function inboundConsumers(): InboundConsumer[] {
  return allMethods().flatMap((m) => (m.inbound ? [m.inbound] : []));
}
