import webpush from "web-push";
import { nowMs } from "../../core/clock";
import { getEnv } from "../../core/env";
import { pushEndpointProblem } from "../push";
import { ProviderError, type DeliveryProvider, type PushMessage } from "./provider";

const NAME = "web-push";
/** How long a push service may take to answer before the try counts as failed. */
export const PUSH_TIMEOUT_MS = 10_000;
/** A push service's Retry-After is honoured up to this (the message's TTL usually ends sooner). */
const MAX_RETRY_AFTER_SECONDS = 3600;

/** Retry-After as seconds (RFC 9110: a number of seconds or an HTTP date), or undefined. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : Math.ceil((Date.parse(header) - nowMs()) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_RETRY_AFTER_SECONDS) : undefined;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291), through
 * the `web-push` library: it signs the VAPID token for the endpoint's origin and encrypts the
 * payload for the subscription's keys; we post the request ourselves so a redirect is never
 * followed and a slow push service times out. The TTL sent is what is left of the message's.
 *
 * Answers: 2xx → accepted (the push service holds it; the device reports when it shows it).
 * 404/410 → the subscription is gone: a final failure, "subscription_expired", and the worker
 * raises push_subscription_gone. 429, 408 and 5xx → tried again later (honouring Retry-After). Any
 * other refusal (400, 401/403: VAPID refused, 413) is final: a retry would be refused alike.
 */
export const webPushProvider: DeliveryProvider = {
  name: NAME,
  channels: ["push"],
  senders: {},
  async send(message: PushMessage) {
    const { webPush } = getEnv();
    if (pushEndpointProblem(message.recipient)) throw new ProviderError(NAME, "endpoint_refused", { final: true });
    const ttl = Math.ceil((Date.parse(message.push.expiresAt) - nowMs()) / 1000);
    if (!(ttl > 0)) throw new ProviderError(NAME, "ttl_expired", { final: true });

    let request: webpush.RequestDetails;
    try {
      request = webpush.generateRequestDetails({ endpoint: message.recipient, keys: message.push.keys }, JSON.stringify(message.push.payload), {
        vapidDetails: { subject: webPush.subject, publicKey: webPush.publicKey, privateKey: webPush.privateKey },
        TTL: ttl,
        urgency: message.push.urgency,
        contentEncoding: "aes128gcm",
        ...(message.push.topic ? { topic: message.push.topic } : {}),
      });
    } catch {
      throw new ProviderError(NAME, "cannot_encrypt", { final: true });
    }
    // fetch sets Content-Length from the body itself.
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => name.toLowerCase() !== "content-length")
        .map(([name, value]) => [name, String(value)]),
    );
    let response: Response;
    try {
      response = await fetch(request.endpoint, {
        method: "POST",
        headers,
        body: request.body ? new Uint8Array(request.body) : null,
        // Never follow a redirect: the request was signed for this push service only.
        redirect: "manual",
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ProviderError(NAME, error instanceof Error && error.name === "TimeoutError" ? "timeout" : "unreachable");
    }
    await response.arrayBuffer().catch(() => undefined);
    const status = response.status;
    if (response.type !== "opaqueredirect" && status >= 200 && status < 300) return { status: "accepted" };
    if (status === 404 || status === 410) throw new ProviderError(NAME, "subscription_expired", { recipientGone: true, httpStatus: status });
    if (status === 429 || status === 408 || status >= 500) {
      throw new ProviderError(NAME, `HTTP ${status}`, { httpStatus: status, retryAfterSeconds: retryAfter(response.headers.get("retry-after")) });
    }
    if (response.type === "opaqueredirect" || (status >= 300 && status < 400))
      throw new ProviderError(NAME, `redirect refused (HTTP ${status})`, { httpStatus: status || undefined });
    throw new ProviderError(NAME, status === 413 ? "payload_too_large" : "push_rejected", { final: true, httpStatus: status });
  },
};
