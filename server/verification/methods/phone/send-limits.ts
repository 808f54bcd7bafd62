import type { Executor } from "@/db/client";
import { AppError } from "../../../core/errors";
import { hitBucket, refundBucket } from "../../../rate-limit/buckets";
import { phoneUsableFor, type PhoneUse } from "./phone-number";

/**
 * Caps on sending codes by text or call (cost and abuse). Over a cap nothing is sent and no
 * provider is called. A send never resets the second-factor failure count.
 *
 * Each purpose has its own buckets, so no one can use up another purpose's budget:
 * - sign_in: the person's own sign-in (only someone with their password reaches it): 5 sends per
 *   5 minutes per person, and per verified number, per country and global daily caps.
 * - helpdesk: an agent verifying a caller: per person and per number, so a flood of helpdesk
 *   codes never blocks the person's own sign-in (and the other way round).
 * - registration: a code to a number that is not verified yet (first-time setup, add or change a
 *   number). Anyone signed in can type any number, so these never touch a verified number's sign-in
 *   or helpdesk budget, nor the sign-in country and global caps: 3 a day per account, and smaller
 *   per-number, per-country and global caps of their own. The per-number cap is above the
 *   per-account one, so one account alone cannot use up a number's registrations for the day.
 * - step_up: "confirm it's you" in a signed-in session (changing methods, the lost-phone wizard): its
 *   own per-person, per-number, per-country and global caps, so confirming never uses up the
 *   person's sign-in budget (and a flood of sign-in codes never blocks confirming).
 */
const MINUTE = 60;
const DAY = 24 * 60 * 60;
export const SEND_LIMITS = {
  sign_in: {
    perPerson: { max: 5, windowSeconds: 5 * MINUTE },
    perNumber: { max: 10, windowSeconds: DAY },
    perCountry: { max: 2000, windowSeconds: DAY },
    global: { max: 20000, windowSeconds: DAY },
  },
  helpdesk: {
    perPerson: { max: 5, windowSeconds: 60 * MINUTE },
    perNumber: { max: 10, windowSeconds: DAY },
    perCountry: { max: 500, windowSeconds: DAY },
    global: { max: 2000, windowSeconds: DAY },
  },
  registration: {
    perPerson: { max: 3, windowSeconds: DAY },
    perNumber: { max: 5, windowSeconds: DAY },
    perCountry: { max: 500, windowSeconds: DAY },
    global: { max: 2000, windowSeconds: DAY },
  },
  step_up: {
    perPerson: { max: 5, windowSeconds: 15 * MINUTE },
    perNumber: { max: 10, windowSeconds: DAY },
    perCountry: { max: 1000, windowSeconds: DAY },
    global: { max: 5000, windowSeconds: DAY },
  },
} as const;

export type SendPurpose = keyof typeof SEND_LIMITS;

/** The bucket keys of one send (sign-in keeps the keys it always had). */
export function sendBuckets(purpose: SendPurpose, input: { personId: string; e164: string; country: string | null }) {
  const limits = SEND_LIMITS[purpose];
  const prefix = purpose === "sign_in" ? "send" : `send:${purpose}`;
  return [
    { key: `${prefix}:person:${input.personId}`, ...limits.perPerson },
    { key: `${prefix}:number:${input.e164}`, ...limits.perNumber },
    { key: `${prefix}:country:${input.country ?? "unknown"}`, ...limits.perCountry },
    { key: `${prefix}:global`, ...limits.global },
  ];
}

/**
 * Reserves one send for a purpose, or returns how long to wait (seconds) before the next is
 * allowed. `personId` is whose budget it is: the person signing in, the person the helpdesk is
 * verifying, or the account registering the number. A number we may not text or call (a
 * premium-rate number stored before that rule) is refused with PHONE_NUMBER_TYPE_NOT_ALLOWED.
 */
export async function reserveSend(
  db: Executor,
  input: { purpose: SendPurpose; use: PhoneUse; personId: string; e164: string; country: string | null; at: Date },
): Promise<{ retryAfterSeconds: number } | null> {
  if (!phoneUsableFor(input.e164, input.use)) throw new AppError("PHONE_NUMBER_TYPE_NOT_ALLOWED");
  const taken: string[] = [];
  for (const bucket of sendBuckets(input.purpose, input)) {
    const state = await hitBucket(db, bucket.key, bucket.windowSeconds, input.at);
    taken.push(bucket.key);
    if (state.count > bucket.max) {
      // Give back what this refused send took from the other buckets.
      for (const key of taken) await refundBucket(db, key);
      return { retryAfterSeconds: Math.max(1, Math.ceil((state.windowEndsAt.getTime() - input.at.getTime()) / 1000)) };
    }
  }
  return null;
}
