/**
 * The method contract (ARCHITECTURE.md "The method contract"): every second factor is one module
 * that implements FactorMethod; the engine, pages, helpdesk, diagnosis and reports read only this
 * interface and the registry (registry.ts), never a method's name.
 *
 * Channels are the ways a method is used at sign-in ("sms" and "voice" for a phone); a kind is what
 * is registered (one mfa_methods row of that kind, with its own detail table).
 */
import type { AnyProcedure } from "@trpc/server";
import type { z } from "zod";
import type { Executor } from "@/db/client";
import type { mfaMethods, phoneNumbers, pushDevices } from "@/db/schema";
import type { DefaultChannel, SignInChannel } from "@/db/schema/values/sign-in";
import type { ErrorCode, ErrorParams } from "../../core/errors";
import type { DiagnosisRule } from "../../diagnosis/rules";
import type { Template } from "../../delivery/enqueue";
import type { InboundConsumer } from "../../delivery/inbound-events";
import type { personProcedure } from "../../trpc/procedures";

export type MethodKind = (typeof mfaMethods.$inferSelect)["kind"];
/** Every name a method can have (messages methods.labels.<key>, nl and en). */
export const METHOD_LABEL_KEYS = ["push", "totp", "mobile", "alternate", "office", "recovery_code"] as const;
export type MethodLabelKey = (typeof METHOD_LABEL_KEYS)[number];

/**
 * Every sign-in channel (the registry checks that its methods offer exactly these): the one list
 * lives with the schema (db/schema/values/sign-in.ts), which stores channels.
 */
export { SIGN_IN_CHANNELS as CHANNELS, DEFAULT_CHANNELS } from "@/db/schema/values/sign-in";
export type Channel = SignInChannel;
/** The channels that may be a person's default way (all but a last resort). */
export type { DefaultChannel };
/**
 * The channels a helpdesk code can travel by (caller_verifications.channel): a text, or a call that
 * reads it out (a spoken call: it asks for no keys); push adds its own.
 */
export const CALLER_CHANNELS = ["sms", "voice"] as const satisfies readonly Channel[];
export type CallerChannel = (typeof CALLER_CHANNELS)[number];

/** One registered method as stored: its row and, for phones, its number; for push, its device. */
export interface MethodRow {
  method: typeof mfaMethods.$inferSelect;
  phone: typeof phoneNumbers.$inferSelect | null;
  /** The authenticator's device (push methods; absent where a caller read only phones). */
  push?: typeof pushDevices.$inferSelect | null;
}

/**
 * What a person, an agent or a notice may be told about a method: never a secret or a full number.
 * `labelKey` is a message key under `methods.labels` (nl and en).
 */
export interface MethodDescription {
  methodId: string;
  kind: MethodKind;
  labelKey: MethodLabelKey;
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

/** A refused response: a stable code, its message parameters, and the facts diagnosis reads. */
export interface FactorFailure {
  ok: false;
  code: ErrorCode;
  params: ErrorParams;
  detail: Record<string, string | number | boolean | null>;
  /**
   * How the failure counts toward the shared lockout. Absent: it counts. "given_back": a typing
   * slip (a code of the wrong form), not a guess, or a try that was refused before anything was
   * checked: its place in the run is given back. "already_counted": counted when it happened (a
   * call the phone ended), so it is not counted again.
   */
  tally?: "given_back" | "already_counted";
}

/** The result of checking a response: the method it matched, or a coded failure with diagnosis facts. */
export type FactorOutcome = { ok: true; methodId: string; channel: Channel } | FactorFailure;

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
  /** The browser proving it (a push request names it on the phone); absent when not known. */
  userAgent?: string | null;
}

/** How the sign-in page uses a channel: a typed code (after a challenge or not), or waiting for a call. */
export interface ChannelTraits {
  /**
   * "typed": the person types what the method shows or was sent (an app code, a text code);
   * "awaited": the page waits while the method gets the answer itself (a call, a push).
   */
  response: "typed" | "awaited";
  /** Something is sent or placed first (a text, a call); absent for an app code. */
  challenged: boolean;
  /** Strength order for "sign in another way": lower comes first. */
  strength: number;
  /** Only when nothing else is at hand (recovery codes): never offered first, never a default. */
  lastResort?: boolean;
  /** What a typed response is made of: digits (the default) or letters and digits (a recovery code). */
  characters?: "digits" | "letters";
}

/** What a challenge did, for the sign-in page and its event (facts only: never the code). */
export type ChallengeResult =
  | {
      status: "throttled";
      retryAfterSeconds: number;
      /** The refusal's code when it is the method's own limit (push fatigue: MFA_PUSH_LIMIT); default MFA_THROTTLED. */
      code?: ErrorCode;
    }
  | {
      /** "failed": every provider failed to take it (DELIVERY_FAILED: choose another way). */
      status: "sent" | "failed";
      messageId: string;
      /** How long the code works, or how long the call rings. */
      expiresInSeconds: number;
      /** Number matching: the number only the sign-in page shows (calls, pushes), otherwise null. */
      matchNumber: string | null;
    };

/** Facts of a challenge, written by the engine into the sign-in event in the challenge's own transaction. */
export type ChallengeFacts = Record<string, string | number | boolean | null>;

/** While a call or a push is under way, or its outcome; null: nothing was placed for this owner. */
export type PollResult = { status: "waiting"; state: string } | FactorOutcome | null;

/**
 * A method that can prove a caller to the helpdesk (capabilities.callerVerification): a code sent to
 * something the person already has, read back to the agent. Bound to the verification, so it can
 * never sign anyone in.
 */
export interface CallerVerificationPart {
  /** The channels of this registered method a helpdesk code can go to now (none: not a target). */
  channels(row: MethodRow): CallerChannel[];
  /**
   * Sends the code in the caller's transaction (the send budget is reserved in it); returns the
   * outbox message to deliver at once. Throws MFA_THROTTLED over the helpdesk's send caps.
   */
  send(tx: Executor, input: CallerCodeRequest): Promise<{ messageId: string }>;
  /** Checks the code read back, consuming it on a match. */
  check(db: Executor, input: { verificationId: string; code: string; at: Date }): Promise<"match" | "malformed" | "expired" | "superseded" | "replayed" | "wrong">;
}

export interface CallerCodeRequest {
  row: MethodRow;
  channel: CallerChannel;
  verificationId: string;
  /** The ticket's reference, named in the message ("TS-1042"). */
  reference: string;
  locale: "nl" | "en";
  at: Date;
  ttlSeconds: number;
}

/** Who a registration in progress belongs to: the sign-in attempt (register at sign-in) or the session (security info) that began it. */
export type EnrolOwner = { attemptId: string } | { sessionId: string };

/** Who is registering a method, and where. */
export interface EnrolContext {
  personId: string;
  owner: EnrolOwner;
  at: Date;
  correlationId: string | null;
  clientIp: string | null;
}

/** A registration begun: the pending method and what the person needs to finish it. */
export interface EnrolBegun<Shown> {
  methodId: string;
  /** What the page shows (an app's QR code and key; a phone's masked number and how long its code works): never stored. */
  shown: Shown;
  /** An outbox message the person waits for (the code sent to a new number), delivered once the transaction commits. */
  messageId: string | null;
  /** Facts for the sign-in event of the registration step (never a secret): the masked number a code went to. */
  facts: ChallengeFacts;
}

/**
 * Registering a method (capabilities.firstMethod needs it): `begin` creates the pending method for
 * its owner (a registration in progress of that owner is abandoned) and returns what the person
 * needs; `confirm` checks the first response with the method's own verify logic and sets
 * confirmed_at. The caller owns what surrounds it: who may enrol (fresh factor, onboarding
 * window, staff), the lockout, the sign-in event and the method-added audit row and notice
 * (methods/enrolment.ts).
 */
export interface EnrolPart<Input = never, Shown extends object = object, Assigned = never> {
  /** The channel the first response comes by: what sign-in events and counted failures call the registration step. */
  channel: Channel;
  begin(tx: Executor, context: EnrolContext, input: Input): Promise<EnrolBegun<Shown>>;
  /**
   * Checks the response against the pending method (MFA_REGISTRATION_EXPIRED when it is not the
   * owner's, not pending or older than the registration window); on a match, confirms it.
   */
  confirm(tx: Executor, context: EnrolContext, confirmation: { methodId: string; response: string }): Promise<{ ok: true; methodId: string } | FactorFailure>;
  /**
   * Present when a new one may take the place of one of the person's own of this kind in one step
   * ("change my number"): the notice that names both.
   */
  replacementNotice?: Template;
  /**
   * What an administrator sets for a person (managedBy "admin": an office phone), in the caller's
   * transaction: active at once, with nothing to confirm; it takes the place of the one set
   * before. The caller records who did it (methodAdded).
   */
  assign?(tx: Executor, personId: string, at: Date, input: Assigned): Promise<{ methodId: string; replaced: string | null }>;
}

/**
 * The method's own page in security info, where a person adds or manages it: security info links
 * to it, the wizards offer it, and its readiness nudges are fixed there.
 */
export interface MethodPage {
  /** The page's path ("/security-info/authenticator"). */
  href: string;
  /** The link's text in security info: a key under messages securityInfo. */
  linkKey: string;
  /** The link's text in a wizard step: a key under messages wizards.actions (its test ID is action-<key>). */
  actionKey: string;
}

/** A readiness nudge a method gives (server/methods/recovery-readiness.ts), with the values its message names. */
export interface MethodNudge {
  nudge: string;
  [value: string]: string | number;
}

/**
 * What recovery readiness asks a method: what about the person's methods of this kind would leave
 * them locked out (a set of recovery codes running out). Each nudge has its messages
 * securityInfo.readiness.<nudge> and .fix_<nudge>, and is fixed on the method's page.
 */
export interface ReadinessPart {
  /** Every nudge it can give. */
  nudges: readonly string[];
  /** The nudges for this person now. */
  check(db: Executor, personId: string): Promise<MethodNudge[]>;
}

/**
 * A secret the method hands out, as the ticket redactor (server/tickets/redact.ts) finds it in text
 * people paste: replaced where it stands alone, before the general shapes (passes, one-time codes…).
 */
export interface SecretShape {
  /** What the redaction is reported as (ticket_messages.redactions). */
  name: string;
  /** An unanchored regex source of the whole secret, valid with the `u` flag; the redactor adds its boundaries. */
  source: string;
}

/** What a method's own procedures are built from (server/trpc/procedures.ts): a signed-in person's. */
export interface ProcedureBuilders {
  person: typeof personProcedure;
}

/** What every method module has. */
export interface MethodBasics {
  kind: MethodKind;
  channels: readonly Channel[];
  capabilities: MethodCapabilities;
  describe(row: MethodRow): MethodDescription;
  /** Diagnosis rules for this method's failures (server/diagnosis/rules.ts), checked before the general ones. */
  findings?: DiagnosisRule[];
  /** The RFC 8176 `amr` values a sign-in by each channel gives the session ("sms" for a text, "tel" for a call). */
  amrByChannel: Partial<Record<Channel, readonly string[]>>;
  /** The delivery events it consumes (call answered, keys pressed…), registered at start-up (server/wiring.ts). */
  inbound?: InboundConsumer;
  /**
   * Retires every method of this kind the person has (confirmed or still being registered), or only
   * those of `only` among them, in the caller's transaction: `removed_at` on the rows, and whatever
   * the kind owns stops working (a phone's pending codes and ringing calls, an app's sealed secret).
   * Returns the IDs it retired. The one reset behind the helpdesk's resets and "lost phone".
   */
  retireAll(tx: Executor, personId: string, at: Date, only?: readonly string[]): Promise<string[]>;
  /** Present when capabilities.callerVerification is. */
  callerVerification?: CallerVerificationPart;
  /** Registering one (security info, register at sign-in); present when capabilities.firstMethod is. */
  enrol?: EnrolPart;
  /** Its own page in security info (absent: it has none). */
  page?: MethodPage;
  /** Its readiness nudges (absent: it gives none). */
  readiness?: ReadinessPart;
  /** The secrets it hands out that tickets redact (absent: none of its own). */
  secrets?: readonly SecretShape[];
  /**
   * Its own API for its page, merged into the methods router (methods.<name>; the access matrix
   * and the bad-input corpus find them there). Thin: each calls one of the method's use cases.
   */
  procedures?(builders: ProcedureBuilders): Record<string, AnyProcedure>;
}

export interface FactorMethod extends MethodBasics {
  /** How each of its channels is used at sign-in. */
  traits: Readonly<Partial<Record<Channel, ChannelTraits>>>;
  /** The channels this registered method offers under the policy and the person's role (usable only). */
  offers(row: MethodRow, context: OfferContext): Channel[];
  /**
   * Send a text, place a call, send a push (later: WebAuthn options), within the sending caps. `record`
   * runs in the transaction that queues it, with the facts for the sign-in event. Absent: nothing to send.
   */
  challenge?(db: Executor, context: FactorContext, row: MethodRow, channel: Channel, record?: (tx: Executor, facts: ChallengeFacts) => Promise<void>): Promise<ChallengeResult>;
  /** Check a typed response for a channel of this kind (consumed on a match). */
  verify(db: Executor, context: FactorContext, channel: Channel, response: string): Promise<FactorOutcome>;
  /**
   * Calls and pushes: still waiting, or the outcome (a failure is marked counted here, once; a
   * success is used up here, once, so one answer never proves two steps).
   */
  poll?(db: Executor, context: FactorContext): Promise<PollResult>;
  responseSchema?: z.ZodType;
}

/**
 * A credential that is not a registered method (the temporary access pass): no row in
 * mfa_methods, never offered, but checked with the same verify shape under the same lockout.
 */
export interface FactorCredential {
  /** What sign-in events and counted failures call it. */
  name: string;
  verify(db: Executor, context: FactorContext, response: string): Promise<{ ok: true; credentialId: string } | FactorFailure>;
}
