import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { callbackReceipts, outboxMessages } from "@/db/schema";
import { now } from "../core/clock";
import { getEnv } from "../core/env";
import { AppError } from "../core/errors";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { z } from "../validation/zod";
import { recordDeliveryAttempt } from "./delivery-attempts";
import { CALL_KEYS_PATTERN, type CallEvent, FRAUD_KEYS, raiseInboundEvent } from "./inbound-events";
import { checkSignature } from "./signatures";

/** A provider's status report (README, "Delivery"). */
export const callbackBody = z.strictObject({
  messageId: z.uuid(),
  event: z.enum(["delivered", "failed", "answered", "declined", "no_answer", "key_pressed"]),
  /** The keys typed on the call: the number shown on the sign-in page and "#" ("47#"), "#" alone, or "0#". */
  keys: z.string().regex(CALL_KEYS_PATTERN).optional(),
});

/**
 * Receives a signed status callback from an HTTP provider: refused when unsigned, badly signed,
 * outside the 5-minute window, or already received (a replay), and about a message that provider
 * did not take (one provider never moves another's messages). Delivery statuses are recorded
 * against the message and its sign-in; call events move the call (answered, the keys typed, declined).
 */
export async function receiveProviderCallback(providerName: string, rawBody: string, headers: Headers): Promise<void> {
  const config = getEnv().httpProviders.find((p) => p.name === providerName);
  if (!config) throw new AppError("NOT_FOUND");
  const at = now();
  const signature = headers.get("x-tweestap-signature");
  const check = checkSignature({ secret: config.secret, timestamp: headers.get("x-tweestap-timestamp"), signature, body: rawBody, at });
  if (check !== "ok") throw new AppError("CALLBACK_REJECTED", { params: { reason: check } });

  const db = await getDb();
  const [fresh] = await db
    .insert(callbackReceipts)
    .values({ signature: createHash("sha256").update(signature!).digest("hex"), provider: providerName, receivedAt: at })
    .onConflictDoNothing()
    .returning();
  if (!fresh) throw new AppError("CALLBACK_REJECTED", { params: { reason: "replayed" } });

  let parsed: ReturnType<typeof callbackBody.safeParse>;
  try {
    parsed = callbackBody.safeParse(JSON.parse(rawBody));
  } catch {
    throw new AppError("INPUT_INVALID");
  }
  if (!parsed.success) throw new AppError("INPUT_INVALID");
  const report = parsed.data;
  const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, report.messageId));
  // A provider speaks only for the messages it took: another provider's message looks unknown.
  if (!message || message.provider !== providerName) throw new AppError("NOT_FOUND");

  if (report.event === "delivered" || report.event === "failed") {
    await recordDeliveryAttempt(db, { messageId: message.id, provider: providerName, status: report.event, correlationId: message.correlationId, occurredAt: at });
    if (message.correlationId) {
      await recordSignInEvent(db, {
        correlationId: message.correlationId,
        personId: message.personId,
        step: "delivery",
        method: message.channel,
        result: report.event === "delivered" ? "success" : "failure",
        detail: { provider: providerName, status: report.event, messageId: message.id },
      });
    }
    return;
  }
  const event = callEvent(report.event, report.keys);
  if (event) await raiseInboundEvent(db, { messageId: message.id, provider: providerName, at, event });
}

/** A provider's call report as an inbound event ("0#" is a fraud report; a key report without keys changes nothing). */
function callEvent(reported: "answered" | "declined" | "no_answer" | "key_pressed", keys: string | undefined): CallEvent | null {
  if (reported === "answered") return { type: "call_answered" };
  if (reported === "declined") return { type: "call_declined" };
  if (reported === "no_answer") return { type: "call_no_answer" };
  if (!keys) return null;
  return keys === FRAUD_KEYS ? { type: "call_fraud_reported" } : { type: "call_keys", keys };
}
