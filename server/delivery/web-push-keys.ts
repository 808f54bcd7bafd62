import { getEnv } from "../core/env";

/**
 * Our VAPID public key (base64url, 65 bytes uncompressed), for the browser to subscribe with:
 * `pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: webPushPublicKey() })`.
 * A subscription is bound to this key: push services refuse messages signed with another one.
 */
export function webPushPublicKey(): string {
  return getEnv().webPush.publicKey;
}
