import type { CallMode, Channel } from "@/db/schema";
import type { PushPayload, PushUrgency } from "../push.schemas";

/** A text, call or email as a provider is handed it: the message ID is the idempotency key every provider dedups on. */
export interface TextMessage {
  id: string;
  channel: Exclude<Channel, "push">;
  recipient: string;
  locale: "nl" | "en";
  subject: string | null;
  body: string;
  /** Calls only: ask for keys and report them, or only speak the body. */
  call: CallMode | null;
}

/** What a push message carries besides its endpoint (sealed in the outbox until it is sent). */
export interface PushContent {
  /** The subscription's keys: the browser's P-256 public key and auth secret (base64url). */
  keys: { p256dh: string; auth: string };
  payload: PushPayload;
  urgency: PushUrgency;
  topic: string | null;
  /** When the message stops being worth delivering (its TTL from when it was queued), ISO 8601. */
  expiresAt: string;
}

/** A push message: the recipient is the subscription's endpoint URL. */
export interface PushMessage {
  id: string;
  channel: "push";
  recipient: string;
  locale: "nl" | "en";
  push: PushContent;
}

export type OutgoingMessage = TextMessage | PushMessage;

export type ProviderResult = { status: "accepted" | "delivered"; providerMessageId?: string };

/**
 * A provider of one or more channels. The worker hands a provider only messages of the channels it
 * lists, so a text provider's send() takes a TextMessage and the push provider's a PushMessage.
 */
export interface DeliveryProvider {
  name: string;
  channels: readonly Channel[];
  /** What the person's phone shows as the sender, per channel (from the provider's settings). */
  senders: Partial<Record<"sms" | "voice", string>>;
  send(message: OutgoingMessage): Promise<ProviderResult>;
}

/**
 * A provider's refusal or failure; the worker records it and tries the next provider, then again
 * later. A final refusal (`final`) is one no other provider or later try can change: the message
 * fails at once, its message (a reason such as "subscription_expired") is the outbox's last error.
 */
export class ProviderError extends Error {
  readonly final: boolean;
  /** The recipient no longer exists (a push subscription the browser gave up): its consumer should forget it. */
  readonly recipientGone: boolean;
  readonly httpStatus: number | undefined;
  /** The provider asked us to wait this long before trying again (Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly provider: string,
    message: string,
    facts: { final?: boolean; recipientGone?: boolean; httpStatus?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "ProviderError";
    this.final = facts.final === true || facts.recipientGone === true;
    this.recipientGone = facts.recipientGone === true;
    this.httpStatus = facts.httpStatus;
    this.retryAfterSeconds = facts.retryAfterSeconds;
  }
}
