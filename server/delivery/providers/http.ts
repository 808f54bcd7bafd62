import type { HttpProviderConfig } from "../../core/env";
import { getEnv } from "../../core/env";
import { nowMs } from "../../core/clock";
import { signBody } from "../signatures";
import { ProviderError, type DeliveryProvider, type TextMessage } from "./provider";

/**
 * A text and voice provider over our documented JSON contract (README, "Delivery"):
 * POST <url>/messages {messageId, to, locale, text, callbackUrl} for texts and
 * POST <url>/calls {messageId, to, locale, prompt, mode, callbackUrl} for calls ("keys": gather the
 * keys typed and report them; "spoken": only speak the prompt), signed like callbacks,
 * with `Idempotency-Key: <messageId>` so a retried request never sends twice. A timeout, a
 * redirect (never followed) or a non-2xx answer is a failure: the worker tries the next provider.
 * Production mode only accepts https provider URLs (server/core/env.ts).
 */
export function httpProvider(config: HttpProviderConfig): DeliveryProvider {
  return {
    name: config.name,
    channels: ["sms", "voice"],
    senders: config.senders,
    async send(message: TextMessage) {
      const callbackUrl = new URL(`/api/delivery/callback/${config.name}`, getEnv().publicUrl).toString();
      const payload =
        message.channel === "voice"
          ? { messageId: message.id, to: message.recipient, locale: message.locale, prompt: message.body, mode: message.call ?? "keys", callbackUrl }
          : { messageId: message.id, to: message.recipient, locale: message.locale, text: message.body, callbackUrl };
      const body = JSON.stringify(payload);
      const timestamp = String(Math.floor(nowMs() / 1000));
      let response: Response;
      try {
        response = await fetch(new URL(message.channel === "voice" ? "calls" : "messages", config.url), {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": message.id,
            "x-tweestap-timestamp": timestamp,
            "x-tweestap-signature": signBody(config.secret, timestamp, body),
          },
          body,
          // Never follow a redirect: the signed request (a code, a number) goes to this URL only.
          redirect: "manual",
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        throw new ProviderError(config.name, error instanceof Error && error.name === "TimeoutError" ? "timeout" : "unreachable");
      }
      if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
        throw new ProviderError(config.name, `redirect refused (HTTP ${response.status})`);
      }
      if (!response.ok) throw new ProviderError(config.name, `HTTP ${response.status}`);
      const answer = (await response.json().catch(() => ({}))) as { status?: string; providerMessageId?: string };
      return { status: answer.status === "delivered" ? "delivered" : "accepted", providerMessageId: answer.providerMessageId };
    },
  };
}
