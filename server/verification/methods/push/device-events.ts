/**
 * Telling a device that something is waiting for it, across instances: a Postgres notification
 * (pg_notify in the transaction that made the request, so it goes out when that commits) that
 * every instance listens for (db/client.ts `listen`), and the instance holding the device's event
 * stream passes it on. The payload is a hint only (which device, which request): the device then
 * fetches the request with a signed call, so nothing in a notification is a secret.
 */
import { sql } from "drizzle-orm";
import { type Executor, listen } from "@/db/client";

export const PUSH_NOTIFY_CHANNEL = "tweestap_push";

export type DeviceEvent = { deviceId: string; type: "challenge"; challengeId: string } | { deviceId: string; type: "removed" };

/**
 * The seam where a new push request reaches the device: today a notification for the event
 * streams (Server-Sent Events); a Web Push send through server/delivery joins here.
 */
export async function notifyDevice(tx: Executor, event: DeviceEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${PUSH_NOTIFY_CHANNEL}, ${JSON.stringify(event)})`);
}

function parse(payload: string): DeviceEvent | null {
  try {
    const event = JSON.parse(payload) as Partial<DeviceEvent>;
    if (typeof event.deviceId !== "string") return null;
    if (event.type === "challenge" && typeof event.challengeId === "string") return event as DeviceEvent;
    if (event.type === "removed") return event as DeviceEvent;
    return null;
  } catch {
    return null;
  }
}

/** Calls `onEvent` for each event for this device, on whichever instance it was raised; returns the unsubscribe. */
export function onDeviceEvents(deviceId: string, onEvent: (event: DeviceEvent) => void): Promise<() => Promise<void>> {
  return listen(PUSH_NOTIFY_CHANNEL, (payload) => {
    const event = parse(payload);
    if (event?.deviceId === deviceId) onEvent(event);
  });
}
