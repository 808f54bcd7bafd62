import type { CallMode, Channel } from "@/db/schema";

/** What a provider is handed: the message ID is the idempotency key every provider dedups on. */
export interface OutgoingMessage {
  id: string;
  channel: Channel;
  recipient: string;
  locale: "nl" | "en";
  subject: string | null;
  body: string;
  /** Calls only: ask for keys and report them, or only speak the body. */
  call: CallMode | null;
}

export type ProviderResult = { status: "accepted" | "delivered"; providerMessageId?: string };

export interface DeliveryProvider {
  name: string;
  channels: readonly Channel[];
  /** What the person's phone shows as the sender, per channel (from the provider's settings). */
  senders: Partial<Record<"sms" | "voice", string>>;
  send(message: OutgoingMessage): Promise<ProviderResult>;
}

/** A provider's refusal or failure; the worker records it and tries the next provider. */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
