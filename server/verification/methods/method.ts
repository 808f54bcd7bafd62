/**
 * The method contract (ARCHITECTURE.md "The method contract"): every second factor is one module
 * that implements FactorMethod; the engine, pages, helpdesk, diagnosis and reports read only this
 * interface and the registry (registry.ts), never a method's name.
 *
 * Channels are the ways a method is used at sign-in ("sms" and "voice" for a phone); a kind is what
 * is registered (one mfa_methods row of that kind, with its own detail table).
 */
import type { z } from "zod";
import type { Executor } from "@/db/client";
import type { mfaMethods, phoneNumbers } from "@/db/schema";
import type { ErrorCode, ErrorParams } from "../../core/errors";

export type MethodKind = (typeof mfaMethods.$inferSelect)["kind"];
export type Channel = "totp" | "sms" | "voice";

/** One registered method as stored: its row and, for phones, its number. */
export interface MethodRow {
  method: typeof mfaMethods.$inferSelect;
  phone: typeof phoneNumbers.$inferSelect | null;
}

/**
 * What a person, an agent or a notice may be told about a method: never a secret or a full number.
 * `labelKey` is a message key under `methods.labels` (nl and en).
 */
export interface MethodDescription {
  methodId: string;
  kind: MethodKind;
  labelKey: "totp" | "mobile" | "alternate" | "office";
  /** Masked detail: "+31 6 ••••• 42" for a phone, null otherwise. */
  detail: string | null;
  device: "phone" | "token" | "computer" | "paper" | null;
  /** RFC 8176 authentication method references this method gives a session ("otp", "sms", "tel", "swk"…). */
  amr: string[];
  managedBy: "person" | "admin";
  /** The person's own name for it ("work phone"), shown before the label; null when unnamed. */
  nickname: string | null;
  addedAt: Date | null;
  lastUsedAt: Date | null;
}

/** What the method may be used for; the engine and helpdesk ask here, never by name. */
export interface MethodCapabilities {
  signIn: boolean;
  stepUp: boolean;
  callerVerification: boolean;
  /** Staff (agents, administrators) may use it: never a phone (a SIM swap must not reach them). */
  staff: boolean;
  /** May be the first method a person registers. */
  firstMethod: boolean;
}

/** The result of checking a response: the method it matched, or a coded failure with diagnosis facts. */
export type FactorOutcome =
  | { ok: true; methodId: string; channel: Channel }
  | { ok: false; code: ErrorCode; params: ErrorParams; detail: Record<string, string | number | boolean | null> };

export interface OfferContext {
  policy: { textAllowed: boolean; voiceAllowed: boolean };
  role: "person" | "agent" | "admin";
}

/** Who is proving it: a sign-in attempt (before a session) or a session (step-up). */
export interface FactorContext {
  personId: string;
  /** The sign-in attempt or session the challenge belongs to (codes and calls are bound to it). */
  ownerId: string;
  purpose: "sign_in" | "step_up";
  at: Date;
  correlationId: string | null;
  clientIp: string | null;
}

/** What every method module has today; the engine's parts (challenge, verify, poll, retire) join it step by step (issue 11). */
export interface MethodBasics {
  kind: MethodKind;
  channels: readonly Channel[];
  capabilities: MethodCapabilities;
  describe(row: MethodRow): MethodDescription;
}

export interface FactorMethod extends MethodBasics {
  /** The channels this registered method offers under the policy and the person's role. */
  offers(row: MethodRow, context: OfferContext): Channel[];
  /** Send a text, place a call (later: a push, WebAuthn options). Absent: nothing to send (an app code). */
  challenge?(tx: Executor, context: FactorContext, row: MethodRow, channel: Channel): Promise<unknown>;
  /** Check a response for a channel of this kind. */
  verify(tx: Executor, context: FactorContext, channel: Channel, response: unknown): Promise<FactorOutcome>;
  /** Calls (later pushes): still waiting, or the outcome. */
  poll?(tx: Executor, context: FactorContext): Promise<"waiting" | FactorOutcome>;
  /** Retire every method of this kind for a person (the helpdesk reset and "lost phone"). */
  retireAll(tx: Executor, personId: string, at: Date): Promise<number>;
  responseSchema?: z.ZodType;
}
