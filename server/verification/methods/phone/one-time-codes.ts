import { randomInt, randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { oneTimeCodes } from "@/db/schema";
import { addSeconds } from "../../../core/clock";
import { keyedHashEquals, keyedHash } from "../../../crypto/keyed-hash";

/** Text codes: 6 digits from the CSPRNG, valid for the policy's time (180 s by default), only the newest works. */
export const OTP_DIGITS = 6;

/** Whole minutes for messages that say how long a code works. */
export function ttlMinutes(ttlSeconds: number): number {
  return Math.max(1, Math.round(ttlSeconds / 60));
}

/**
 * What a code is for. A code only ever counts for its own purpose and owner: a
 * helpdesk_verification code (the helpdesk checking a caller) can never complete a sign-in.
 */
type Purpose = (typeof oneTimeCodes.$inferSelect)["purpose"];
const domain = (codeId: string) => `one-time-code:${codeId}`;

/** Issues a new code for an owner and purpose; every older unused code of theirs is superseded. */
export async function issueOneTimeCode(
  db: Executor,
  input: { personId: string; methodId: string; purpose: Purpose; channel: "sms" | "voice"; ownerId: string; at: Date; ttlSeconds: number },
): Promise<{ id: string; code: string; expiresAt: Date }> {
  await db
    .update(oneTimeCodes)
    .set({ supersededAt: input.at })
    .where(and(eq(oneTimeCodes.ownerId, input.ownerId), eq(oneTimeCodes.purpose, input.purpose), isNull(oneTimeCodes.usedAt), isNull(oneTimeCodes.supersededAt)));
  const code = String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, "0");
  const id = randomUUID();
  const expiresAt = addSeconds(input.at, input.ttlSeconds);
  await db.insert(oneTimeCodes).values({
    id,
    personId: input.personId,
    methodId: input.methodId,
    purpose: input.purpose,
    channel: input.channel,
    ownerId: input.ownerId,
    codeHash: keyedHash(domain(id), code),
    createdAt: input.at,
    expiresAt,
  });
  return { id, code, expiresAt };
}

export type OneTimeCodeCheck =
  | { kind: "match"; methodId: string }
  | { kind: "malformed" }
  | { kind: "expired"; sentAt: Date; expiredAt: Date }
  | { kind: "superseded"; sentAt: Date; newestSentAt: Date }
  | { kind: "replayed"; usedAt: Date | null }
  | { kind: "wrong" };

/**
 * Checks a typed code against the owner's codes for a purpose. Only the newest works: an older
 * code that matches is "superseded"; the newest after 180 s is "expired"; a used one "replayed".
 * A match is consumed atomically, so a code works once however many submit it at the same time.
 */
export async function checkOneTimeCode(db: Executor, input: { ownerId: string; purpose: Purpose; code: string; at: Date }): Promise<OneTimeCodeCheck> {
  if (!new RegExp(`^[0-9]{${OTP_DIGITS}}$`).test(input.code)) return { kind: "malformed" };
  const rows = await db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.ownerId, input.ownerId), eq(oneTimeCodes.purpose, input.purpose)))
    .orderBy(desc(oneTimeCodes.createdAt), desc(oneTimeCodes.id))
    .limit(20);
  const matching = rows.find((row) => keyedHashEquals(domain(row.id), input.code, row.codeHash));
  if (!matching) return { kind: "wrong" };
  if (matching.usedAt) return { kind: "replayed", usedAt: matching.usedAt };
  if (matching.supersededAt) return { kind: "superseded", sentAt: matching.createdAt, newestSentAt: rows[0]!.createdAt };
  if (matching.expiresAt.getTime() <= input.at.getTime()) return { kind: "expired", sentAt: matching.createdAt, expiredAt: matching.expiresAt };
  const [used] = await db
    .update(oneTimeCodes)
    .set({ usedAt: input.at })
    .where(and(eq(oneTimeCodes.id, matching.id), isNull(oneTimeCodes.usedAt), isNull(oneTimeCodes.supersededAt)))
    .returning({ methodId: oneTimeCodes.methodId });
  return used ? { kind: "match", methodId: used.methodId } : { kind: "replayed", usedAt: null };
}

/** Links a code to the outbox message that carries it (for delivery status). */
export async function attachMessage(db: Executor, codeId: string, messageId: string): Promise<void> {
  await db.update(oneTimeCodes).set({ messageId }).where(eq(oneTimeCodes.id, codeId));
}
