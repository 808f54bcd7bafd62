/**
 * The inbound port: what comes back from a phone or a push service (a provider's callback, the
 * simulated phone, a push service's answer). Delivery knows how to receive it and for which
 * message it is; what it means for a sign-in is the consuming method's business (ARCHITECTURE.md,
 * "The method contract": `inbound`). Delivery imports nothing from verification: the consumers
 * register here at start-up (server/wiring.ts), and an event nobody consumes fails loudly instead
 * of being dropped.
 */
import type { Executor } from "@/db/client";
import type { Channel } from "@/db/schema";

/** The keys a phone reports: up to 8 digits then "#" ("47#", "#"), or "0#" (this was not me). */
export const CALL_KEYS_PATTERN = /^[0-9]{0,8}#$/;
/** "0#" on a call: the person says they did not ask for it (the call's prompt tells them so). */
export const FRAUD_KEYS = "0#";

/** What happened on a verification call, as the phone or provider reported it. */
export type CallEvent =
  | { type: "call_answered" }
  | { type: "call_declined" }
  /** Keys typed then "#" ("47#", "#"); never "0#", which is a fraud report. */
  | { type: "call_keys"; keys: string }
  | { type: "call_fraud_reported" }
  | { type: "call_no_answer" };

/** What a push service said about a subscription. */
export type PushEvent =
  /**
   * The push service answered 404 or 410: the browser unsubscribed or the subscription expired, and
   * nothing sent to this endpoint will arrive. Its consumer forgets the subscription.
   */
  { type: "push_subscription_gone"; endpoint: string };

/** Every kind of inbound event (the authenticator's own answers reach the push method directly). */
export type InboundEvent = CallEvent | PushEvent;
export type InboundEventType = InboundEvent["type"];

/**
 * The events delivery raises, by the channel whose messages they answer. Nothing raises a
 * channel's events before something sends on it, so the app must consume them once a method
 * offers that channel (server/wiring.ts checks at start): a channel no method offers yet (push,
 * until the push method) needs no consumer, and no stand-in consumer is ever registered.
 */
export const INBOUND_EVENTS_BY_CHANNEL = {
  voice: ["call_answered", "call_declined", "call_keys", "call_fraud_reported", "call_no_answer"],
  push: ["push_subscription_gone"],
} as const satisfies Partial<Record<Channel, readonly InboundEventType[]>>;
type ListedType = (typeof INBOUND_EVENTS_BY_CHANNEL)[keyof typeof INBOUND_EVENTS_BY_CHANNEL][number];
// A new event type must be listed above under its channel (this fails to compile otherwise).
const allListed: Exclude<InboundEventType, ListedType> extends never ? true : false = true;
void allListed;

/** Every type delivery can raise. */
export const INBOUND_EVENT_TYPES: readonly InboundEventType[] = Object.values(INBOUND_EVENTS_BY_CHANNEL).flat();

/** The event types raised about messages on these channels: what the app must consume when its methods offer them. */
export function inboundEventTypesFor(channels: readonly string[]): InboundEventType[] {
  return Object.entries(INBOUND_EVENTS_BY_CHANNEL).flatMap(([channel, types]) => (channels.includes(channel) ? [...types] : []));
}

/** An event and what it is about: the outbox message it answers, who reported it, and when. */
export interface InboundDelivery {
  messageId: string;
  provider: string;
  at: Date;
  event: InboundEvent;
}

/** A module that consumes inbound events (a method, through its `inbound` part). */
export interface InboundConsumer {
  /** Who consumes them ("phone"); registering again under the same name replaces the handler. */
  consumer: string;
  handles: readonly InboundEventType[];
  handle(db: Executor, delivery: InboundDelivery): Promise<void>;
}

/**
 * One registry per process, on globalThis: Next bundles the server code more than once (the
 * instrumentation hook, the routes, our own server), and all of them must see the same consumers.
 */
const store = globalThis as unknown as { __tweestapInbound?: Map<InboundEventType, InboundConsumer> };
const consumers = () => (store.__tweestapInbound ??= new Map());

/** Registers a consumer for its event types. Two different consumers for one type is a wiring mistake. */
export function onInboundEvent(consumer: InboundConsumer): void {
  for (const type of consumer.handles) {
    const held = consumers().get(type);
    if (held && held.consumer !== consumer.consumer) throw new Error(`Inbound event ${type} is consumed by ${held.consumer} already; ${consumer.consumer} cannot take it too.`);
  }
  for (const type of consumer.handles) consumers().set(type, consumer);
}

/** Whether something consumes this type (for the wiring check). */
export function inboundEventConsumed(type: InboundEventType): boolean {
  return consumers().has(type);
}

/**
 * Hands an event to its consumer in the caller's executor. Throws when nothing consumes it: an
 * unwired app must not silently drop a call's answer.
 */
export async function raiseInboundEvent(db: Executor, delivery: InboundDelivery): Promise<void> {
  const consumer = consumers().get(delivery.event.type);
  if (!consumer) throw new Error(`No consumer for inbound event ${delivery.event.type}: the app is not wired (server/wiring.ts wireApp()).`);
  await consumer.handle(db, delivery);
}

/** Tests only: forget every consumer (to prove an unwired event fails), then wire again. */
export function clearInboundConsumersForTests(): void {
  consumers().clear();
}
