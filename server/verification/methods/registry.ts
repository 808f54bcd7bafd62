/**
 * The registry of second-factor methods: one line per method. Everything that needs to know about
 * a kind (labels, channels, capabilities, and step by step the engine's parts) asks here.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { people } from "@/db/schema";
import type { CallerChannel, CallerVerificationPart, Channel, MethodBasics, MethodDescription, MethodKind, MethodRow } from "./method";
import { revokeAccessPasses } from "./access-pass/access-passes";
import { phoneMethod } from "./phone/phone-method";
import { totpMethod } from "./totp/totp-method";

const METHODS = {
  totp: totpMethod,
  phone: phoneMethod,
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

/** The kinds that can prove a caller to the helpdesk (capabilities.callerVerification). */
export function callerVerificationMethods(): Array<MethodBasics & { callerVerification: CallerVerificationPart }> {
  return allMethods().filter((m): m is MethodBasics & { callerVerification: CallerVerificationPart } => m.capabilities.callerVerification && m.callerVerification !== undefined);
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
}

/**
 * The one reset of methods (the helpdesk's resets, "lost phone"), in the caller's transaction:
 * each kind's module retires the person's methods of its kind (`kinds: "all"` is every registered
 * kind, so a new method is part of the safe reset without an edit here), or only the listed ones.
 * A default way to sign in that was retired is no longer the default.
 */
export async function retireMethods(tx: Executor, input: { personId: string; at: Date; kinds: "all" | readonly MethodKind[]; only?: readonly string[] }): Promise<RetiredMethods> {
  const kinds = input.kinds === "all" ? allMethods().map((m) => m.kind) : input.kinds;
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
  return { count: methodIds.length, byKind, methodIds };
}

/** Credentials that are not factors but let someone in; each retired by its own module. */
export type CredentialKind = "access_pass";
const CREDENTIALS: Record<CredentialKind, (tx: Executor, personId: string, at: Date) => Promise<number>> = {
  access_pass: revokeAccessPasses,
};

/** Retires the person's credentials of these kinds (in the caller's transaction); how many went, by kind. */
export async function retireCredentials(tx: Executor, input: { personId: string; at: Date; kinds: readonly CredentialKind[] }): Promise<Partial<Record<CredentialKind, number>>> {
  const retired: Partial<Record<CredentialKind, number>> = {};
  for (const kind of input.kinds) retired[kind] = await CREDENTIALS[kind](tx, input.personId, input.at);
  return retired;
}
