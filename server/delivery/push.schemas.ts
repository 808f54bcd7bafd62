/**
 * Web Push inputs (RFC 8030/8291): a browser's push subscription and what a push message may carry.
 * Shared by the procedures that take a subscription from the authenticator and by the outbox.
 */
import { z } from "../validation/zod";

/**
 * A subscription as the browser's PushSubscription.toJSON() gives it: the push service's URL for
 * this browser, its P-256 public key (65 bytes, uncompressed) and its 16-byte auth secret, both
 * base64url. Neither key is a secret: they let us encrypt for the browser, not read what it got.
 */
export const pushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: z.string().regex(/^B[A-Za-z0-9_-]{86}$/),
    auth: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  }),
});
export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;

/** RFC 8030 §5.3: how soon the device should wake for the message (a sign-in request is "high"). */
export const PUSH_URGENCIES = ["very-low", "low", "normal", "high"] as const;
export type PushUrgency = (typeof PUSH_URGENCIES)[number];

/** The payload, as JSON, is at most this long: it says what happened, the device asks the rest. */
export const PUSH_PAYLOAD_MAX_BYTES = 1024;
/** RFC 8030 TTL bounds we accept: at least a second, at most four weeks. */
export const PUSH_TTL_SECONDS = { min: 1, max: 28 * 24 * 3600 } as const;

const fieldName = /^[a-z][A-Za-z0-9_]{0,39}$/;

/**
 * A push message's payload: a type and a few flat facts, e.g. {type: "sign_in_request",
 * challengeId}. Never a code, a secret or a person's details: the device fetches those over its
 * own authenticated connection. Every payload is encrypted for the device (aes128gcm).
 */
export const pushPayloadSchema = z
  .object({ type: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) })
  .catchall(z.union([z.string().max(200), z.number(), z.boolean(), z.null()]))
  .refine((payload) => Object.keys(payload).length <= 16 && Object.keys(payload).every((name) => fieldName.test(name)), { message: "flat, named fields only" })
  .refine((payload) => new TextEncoder().encode(JSON.stringify(payload)).length <= PUSH_PAYLOAD_MAX_BYTES, { message: `at most ${PUSH_PAYLOAD_MAX_BYTES} bytes` });
export type PushPayload = z.infer<typeof pushPayloadSchema>;

/** Collapses pending messages with the same topic at the push service (RFC 8030 §5.4). */
export const pushTopicSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
