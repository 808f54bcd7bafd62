import { getDb } from "@/db/client";
import { simulatedInbox } from "@/db/schema";
import { now } from "../../core/clock";
import type { DeliveryProvider, TextMessage } from "./provider";

/**
 * The simulated phone and mailbox (demo and tests; refused in production): a delivered message
 * lands in simulated_inbox, shown on /[locale]/phone and /[locale]/mailbox. A message ID arrives
 * at most once, like a provider that deduplicates.
 */
export const simulatedProvider: DeliveryProvider = {
  name: "simulated",
  channels: ["sms", "voice", "email"],
  senders: { sms: "Tweestap", voice: "+31 20 794 0000" },
  async send(message: TextMessage) {
    const db = await getDb();
    await db
      .insert(simulatedInbox)
      .values({
        messageId: message.id,
        channel: message.channel,
        recipient: message.recipient,
        subject: message.subject,
        body: message.body,
        callMode: message.call,
        receivedAt: now(),
      })
      .onConflictDoNothing({ target: simulatedInbox.messageId });
    return { status: "delivered" };
  },
};
