/**
 * The registry of second-factor methods: one line per method. Everything that needs to know about
 * a kind or a channel (labels, channels, capabilities, how a channel is used, challenge, verify,
 * poll) asks here, never by name.
 */
import type { InboundConsumer } from "../../delivery/inbound-events";
import { accessPassCredential } from "./access-pass/access-pass-credential";
import {
  CHANNELS,
  type Channel,
  type ChannelTraits,
  type FactorCredential,
  type FactorMethod,
  type MethodDescription,
  type MethodKind,
  type MethodRow,
  type OfferContext,
} from "./method";
import { phoneMethod } from "./phone/phone-method";
import { recoveryCodeMethod } from "./recovery-code/recovery-code-method";
import { totpMethod } from "./totp/totp-method";

const METHODS = {
  totp: totpMethod,
  phone: phoneMethod,
  recovery_code: recoveryCodeMethod,
} satisfies Record<MethodKind, FactorMethod>;

/** Credentials that are not registered methods (checked under the same lockout). */
const CREDENTIALS = {
  access_pass: accessPassCredential,
} satisfies Record<string, FactorCredential>;

export function methodFor(kind: MethodKind): FactorMethod {
  return METHODS[kind];
}

export function allMethods(): FactorMethod[] {
  return Object.values(METHODS);
}

/** Every registered kind, in registry order. */
export function methodKinds(): MethodKind[] {
  return allMethods().map((m) => m.kind);
}

/** Every sign-in channel, in registry order (the same set as CHANNELS; registry.test.ts checks it). */
export function allChannels(): Channel[] {
  return allMethods().flatMap((m) => [...m.channels]);
}

/** The method a sign-in channel belongs to. */
export function methodForChannel(channel: Channel): FactorMethod {
  const found = allMethods().find((m) => m.channels.includes(channel));
  if (!found) throw new Error(`no method offers channel ${channel}`);
  return found;
}

/** The method kind a sign-in channel belongs to. */
export function kindOfChannel(channel: Channel): MethodKind {
  return methodForChannel(channel).kind;
}

export function channelTraits(channel: Channel): ChannelTraits {
  const traits = methodForChannel(channel).traits[channel];
  if (!traits) throw new Error(`channel ${channel} has no traits`);
  return traits;
}

/**
 * The channel a code typed without choosing a way is checked against: the first (strongest) one
 * that takes a typed code and sends nothing (the authenticator app).
 */
export function unchallengedCodeChannel(): Channel {
  const found = allChannels().find((c) => channelTraits(c).response === "typed" && !channelTraits(c).challenged);
  if (!found) throw new Error("no channel takes a code without a challenge");
  return found;
}

/** The channel a typed code is for: the chosen one if it takes typed codes, otherwise the unchallenged one. */
export function typedCodeChannel(selected: Channel | null): Channel {
  return selected && channelTraits(selected).response === "typed" ? selected : unchallengedCodeChannel();
}

export function describeMethod(row: MethodRow): MethodDescription {
  return methodFor(row.method.kind).describe(row);
}

/**
 * The channels a registered method offers under the policy and the person's role. Staff (agents,
 * administrators) use only methods with the staff capability: their accounts can reset other
 * people's, so a SIM swap must not reach them.
 */
export function offeredChannels(row: MethodRow, context: OfferContext): Channel[] {
  const method = methodFor(row.method.kind);
  if (context.role !== "person" && !method.capabilities.staff) return [];
  return method.offers(row, context);
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

export function credentialFor(name: keyof typeof CREDENTIALS): FactorCredential {
  return CREDENTIALS[name];
}

export { CHANNELS };
