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
  type CallerChannel,
  type CallerVerificationPart,
  type ChannelTraits,
  type EnrolPart,
  type FactorCredential,
  type FactorMethod,
  type MethodDescription,
  type MethodKind,
  type MethodPage,
  type MethodRow,
  type OfferContext,
  type ProcedureBuilders,
} from "./method";
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { people } from "@/db/schema";
import { revokeAccessPasses } from "./access-pass/access-passes";
import { methodRows } from "./method-rows";
import { phoneMethod } from "./phone/phone-method";
import { pushMethod } from "./push/push-method";
import { recoveryCodeMethod } from "./recovery-code/recovery-code-method";
import { totpMethod } from "./totp/totp-method";

const METHODS = {
  totp: totpMethod,
  phone: phoneMethod,
  recovery_code: recoveryCodeMethod,
  push: pushMethod,
} satisfies Record<MethodKind, FactorMethod>;

/** Credentials that are not registered methods (checked under the same lockout). */
const CREDENTIALS = {
  access_pass: accessPassCredential,
} satisfies Record<string, FactorCredential>;

export function methodFor(kind: MethodKind): FactorMethod {
  return METHODS[kind];
}

type Methods = typeof METHODS;

/** The kinds a person can register (their module has an enrol part). */
export type EnrolKind = { [K in MethodKind]: Methods[K] extends { enrol: EnrolPart<infer _I, infer _S, infer _A> } ? K : never }[MethodKind];
/** What beginning a registration of this kind takes (a number for a phone). */
export type EnrolInput<K extends EnrolKind> = Methods[K]["enrol"] extends EnrolPart<infer I, infer _S, infer _A> ? I : never;
/** What the page shows to finish a registration of this kind (a QR code for an app). */
export type EnrolShown<K extends EnrolKind> = Methods[K]["enrol"] extends EnrolPart<infer _I, infer S extends object, infer _A> ? S : never;
/** What an administrator sets for a person of this kind (an office phone's number and extension). */
export type AssignInput<K extends EnrolKind> = Methods[K]["enrol"] extends EnrolPart<infer _I, infer _S, infer A> ? A : never;

/** How a method of this kind is registered: methodFor(kind).enrol, typed by its kind. */
export function enrolmentFor<K extends EnrolKind>(kind: K): EnrolPart<EnrolInput<K>, EnrolShown<K>, AssignInput<K>> {
  const enrol = methodFor(kind).enrol;
  if (!enrol) throw new Error(`method ${kind} has no enrol part`);
  return enrol as EnrolPart<EnrolInput<K>, EnrolShown<K>, AssignInput<K>>;
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
 * A method that is only for when nothing else is at hand (recovery codes): every channel it offers
 * has the lastResort trait. It never counts as someone's way in on its own: not to remove their
 * last other method, not as "has a method" at sign-in or for readiness.
 */
export function isLastResort(kind: MethodKind): boolean {
  return methodFor(kind).channels.every((channel) => channelTraits(channel).lastResort === true);
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

type ProceduresOf<M> = M extends { procedures(builders: ProcedureBuilders): infer P } ? P : never;
type Merged<U> = (U extends unknown ? (u: U) => void : never) extends (merged: infer M) => void ? M : never;
/** Every method's own procedures, with their types (the methods router spreads them: methods.<name>). */
export type MethodProcedures = Merged<ProceduresOf<(typeof METHODS)[MethodKind]> | Record<never, never>>;

/** Every method's own procedures, built from the router's procedure builders; a name given twice is refused. */
export function methodProcedures(builders: ProcedureBuilders): MethodProcedures {
  const merged: Record<string, unknown> = {};
  for (const method of allMethods()) {
    for (const [name, procedure] of Object.entries(method.procedures?.(builders) ?? {})) {
      if (name in merged) throw new Error(`two methods name the procedure ${name}`);
      merged[name] = procedure;
    }
  }
  return merged as MethodProcedures;
}

/** Each method's own page in security info, in registry order (the strongest way first). */
export function methodPages(): Array<MethodPage & { kind: MethodKind }> {
  return allMethods().flatMap((m) => (m.page ? [{ ...m.page, kind: m.kind }] : []));
}

/** The delivery events each method consumes, for the start-up wiring (server/wiring.ts). */
export function inboundConsumers(): InboundConsumer[] {
  return allMethods().flatMap((m) => (m.inbound ? [m.inbound] : []));
}

export function credentialFor(name: keyof typeof CREDENTIALS): FactorCredential {
  return CREDENTIALS[name];
}

export { CHANNELS };
/** The kinds that can prove a caller to the helpdesk (capabilities.callerVerification). */
export function callerVerificationMethods(): Array<FactorMethod & { callerVerification: CallerVerificationPart }> {
  return allMethods().filter((m): m is FactorMethod & { callerVerification: CallerVerificationPart } => m.capabilities.callerVerification && m.callerVerification !== undefined);
}

/**
 * Where a helpdesk code can go for one registered method: the channels its module offers for caller
 * verification now (none when the kind has not the capability).
 */
export function callerVerificationChannels(row: MethodRow): CallerChannel[] {
  const method = methodFor(row.method.kind);
  return method.capabilities.callerVerification && method.callerVerification ? method.callerVerification.channels(row) : [];
}

export interface RetiredMethods {
  /** Every method retired, of all kinds. */
  count: number;
  byKind: Partial<Record<MethodKind, number>>;
  methodIds: string[];
  /** The methods the person had in use that went (confirmed ones, not registrations in progress), as described before they went: what a notice names. */
  described: MethodDescription[];
}

/**
 * The one reset of methods (the helpdesk's resets, "lost phone"), in the caller's transaction:
 * each kind's module retires the person's methods of its kind (`kinds: "all"` is every registered
 * kind, so a new method is part of the safe reset without an edit here), or only the listed ones.
 * A default way to sign in that was retired is no longer the default.
 */
export async function retireMethods(tx: Executor, input: { personId: string; at: Date; kinds: "all" | readonly MethodKind[]; only?: readonly string[] }): Promise<RetiredMethods> {
  const kinds = input.kinds === "all" ? allMethods().map((m) => m.kind) : input.kinds;
  const inUse = kinds.length > 0 ? await methodRows(tx, input.personId) : [];
  const byKind: Partial<Record<MethodKind, number>> = {};
  const methodIds: string[] = [];
  for (const kind of kinds) {
    const retired = await methodFor(kind).retireAll(tx, input.personId, input.at, input.only);
    if (retired.length > 0) byKind[kind] = retired.length;
    methodIds.push(...retired);
  }
  // Every kind, every method: no default is left. Otherwise only a retired default goes.
  const everything = input.kinds === "all" && !input.only;
  if (everything || methodIds.length > 0) {
    await tx
      .update(people)
      .set({ defaultMethodId: null, defaultChannel: null })
      .where(and(eq(people.id, input.personId), everything ? undefined : inArray(people.defaultMethodId, methodIds)));
  }
  const described = inUse.filter((row) => methodIds.includes(row.method.id)).map(describeMethod);
  return { count: methodIds.length, byKind, methodIds, described };
}

/** Credentials that are not factors but let someone in; each retired by its own module. */
export type CredentialKind = "access_pass";
const CREDENTIAL_RETIREMENT: Record<CredentialKind, (tx: Executor, personId: string, at: Date) => Promise<number>> = {
  access_pass: revokeAccessPasses,
};

/** Retires the person's credentials of these kinds (in the caller's transaction); how many went, by kind. */
export async function retireCredentials(tx: Executor, input: { personId: string; at: Date; kinds: readonly CredentialKind[] }): Promise<Partial<Record<CredentialKind, number>>> {
  const retired: Partial<Record<CredentialKind, number>> = {};
  for (const kind of input.kinds) retired[kind] = await CREDENTIAL_RETIREMENT[kind](tx, input.personId, input.at);
  return retired;
}
