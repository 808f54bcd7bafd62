import { ECDH, randomUUID } from "node:crypto";
import type { Executor } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import { addSeconds, now } from "../core/clock";
import { type AppEnv, getEnv } from "../core/env";
import { AppError } from "../core/errors";
import { seal } from "../crypto/secret-box";
import type { AppLocale } from "../i18n/translate";
import { contentBinding } from "./enqueue";
import type { PushContent } from "./providers/provider";
import { PUSH_TTL_SECONDS, type PushPayload, pushPayloadSchema, type PushSubscriptionJson, pushSubscriptionSchema, pushTopicSchema, type PushUrgency } from "./push.schemas";

/**
 * Why we would not send to this push endpoint, or null. A subscription names its own endpoint, so
 * without this any signed-in person could make the server post to an address of their choosing:
 * production sends over https only, to the push services in PUSH_SERVICE_HOSTS (the browsers'
 * own by default), never with credentials in the URL; demo mode also takes http (a local push
 * service in the tests).
 */
export function pushEndpointProblem(endpoint: string, env: Pick<AppEnv, "mode" | "webPush"> = getEnv()): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "not a URL";
  }
  const schemes = env.mode === "production" ? ["https:"] : ["https:", "http:"];
  if (!schemes.includes(url.protocol)) return `${url.protocol} is not allowed`;
  if (url.username || url.password) return "credentials in the URL";
  const hosts = env.webPush.serviceHosts;
  if (hosts && !hosts.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`))) return `${url.hostname} is not a known push service`;
  return null;
}

/** Whether a base64url text is exactly the encoding of `bytes` bytes (no padding, no stray bits). */
function exactBase64url(text: string, bytes: number): boolean {
  const decoded = Buffer.from(text, "base64url");
  return decoded.length === bytes && decoded.toString("base64url") === text;
}

/**
 * A subscription from a browser, checked before it is stored or used: its shape, keys that are a
 * point on P-256 and a 16-byte secret, and an endpoint we may send to. INPUT_INVALID otherwise.
 */
export function checkPushSubscription(input: unknown): PushSubscriptionJson {
  const parsed = pushSubscriptionSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INPUT_INVALID");
  const { endpoint, keys } = parsed.data;
  if (!exactBase64url(keys.p256dh, 65) || !exactBase64url(keys.auth, 16)) throw new AppError("INPUT_INVALID");
  try {
    // Throws for bytes that are not a point on the curve.
    ECDH.convertKey(Buffer.from(keys.p256dh, "base64url"), "prime256v1");
  } catch {
    throw new AppError("INPUT_INVALID");
  }
  if (pushEndpointProblem(endpoint)) throw new AppError("INPUT_INVALID");
  return parsed.data;
}

/**
 * Queues a push message in the caller's transaction, like enqueueMessage: the worker delivers it
 * through the Web Push provider (VAPID, aes128gcm), at most once. The recipient is the endpoint;
 * the keys, payload and urgency are sealed and cleared once the message is sent or has failed. The
 * payload says only what happened ({type: "sign_in_request", challengeId}); the TTL bounds how long
 * the push service keeps it and how long the worker goes on trying. Returns the message ID.
 */
export async function enqueuePush(
  db: Executor,
  input: {
    subscription: PushSubscriptionJson;
    payload: PushPayload;
    ttlSeconds: number;
    urgency: PushUrgency;
    /** Replaces a message with the same topic still waiting at the push service. */
    topic?: string;
    personId: string | null;
    /** The recipient's language (the payload carries no text; kept like every message's). */
    locale: AppLocale;
    correlationId?: string | null;
    /** Send at most this many rounds (default 5; a sign-in request is worth one or two). */
    maxAttempts?: number;
  },
): Promise<string> {
  const subscription = checkPushSubscription(input.subscription);
  const payload = pushPayloadSchema.parse(input.payload);
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds < PUSH_TTL_SECONDS.min || input.ttlSeconds > PUSH_TTL_SECONDS.max) {
    throw new RangeError(`ttlSeconds must be a whole number from ${PUSH_TTL_SECONDS.min} to ${PUSH_TTL_SECONDS.max}`);
  }
  const topic = input.topic === undefined ? null : pushTopicSchema.parse(input.topic);
  const id = randomUUID();
  const at = now();
  const content: { push: PushContent } = {
    push: {
      keys: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth },
      payload,
      urgency: input.urgency,
      topic,
      expiresAt: addSeconds(at, input.ttlSeconds).toISOString(),
    },
  };
  await db.insert(outboxMessages).values({
    id,
    channel: "push",
    recipient: subscription.endpoint,
    personId: input.personId,
    locale: input.locale,
    template: payload.type,
    contentEnvelope: seal(Buffer.from(JSON.stringify(content)), contentBinding(id)),
    correlationId: input.correlationId ?? null,
    maxAttempts: input.maxAttempts ?? 5,
    nextAttemptAt: at,
    createdAt: at,
  });
  return id;
}
