import { and, eq, gt, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accessPasses, mfaMethods } from "@/db/schema";
import { addSeconds } from "../../../core/clock";
import { keyedHash } from "../../../crypto/keyed-hash";
import { readableId } from "../../../crypto/random";
import { AppError } from "../../../core/errors";

/**
 * Temporary access passes (PRODUCT.md): 16 characters in four groups ("7KQ3-M2XD-9PTA-H4RW", 80
 * bits, easy to read aloud), stored only as a keyed hash bound to the person, one active per person
 * (a new pass revokes the old), one-time, valid for the policy's minutes. At sign-in a pass only
 * lets the person enrol a new method; for 24 h that method cannot remove older ones.
 */
export const PASS_METHOD_GRACE_SECONDS = 24 * 60 * 60;

const domain = (personId: string) => `access-pass:${personId}`;

/** People type passes with spaces, dashes or in lower case: only the 16 characters count. */
export function normalizePass(typed: string): string {
  const chars = typed.toUpperCase().replace(/[^0-9A-Z]/g, "");
  return chars.match(/.{1,4}/g)?.join("-") ?? "";
}

/** Every pass of the person that could still be used stops working (a new pass, a reset). Returns how many. */
export async function revokeAccessPasses(db: Executor, personId: string, at: Date): Promise<number> {
  const revoked = await db
    .update(accessPasses)
    .set({ revokedAt: at })
    .where(and(eq(accessPasses.personId, personId), isNull(accessPasses.usedAt), isNull(accessPasses.revokedAt)))
    .returning({ id: accessPasses.id });
  return revoked.length;
}

export async function issueAccessPass(
  db: Executor,
  input: { personId: string; issuedBy: string; ticketId: string | null; deliveredVia: "email" | "shown_once"; at: Date; ttlMinutes: number },
): Promise<{ id: string; pass: string; expiresAt: Date }> {
  await revokeAccessPasses(db, input.personId, input.at);
  const pass = readableId(4);
  const expiresAt = addSeconds(input.at, input.ttlMinutes * 60);
  const [row] = await db
    .insert(accessPasses)
    .values({
      personId: input.personId,
      passHash: keyedHash(domain(input.personId), pass),
      issuedBy: input.issuedBy,
      ticketId: input.ticketId,
      deliveredVia: input.deliveredVia,
      createdAt: input.at,
      expiresAt,
    })
    .returning({ id: accessPasses.id });
  return { id: row!.id, pass, expiresAt };
}

export async function hasActiveAccessPass(db: Executor, personId: string, at: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: accessPasses.id })
    .from(accessPasses)
    .where(and(eq(accessPasses.personId, personId), isNull(accessPasses.usedAt), isNull(accessPasses.revokedAt), gt(accessPasses.expiresAt, at)))
    .limit(1);
  return row !== undefined;
}

/** Uses the person's pass if this is it: atomically, so a pass works once however many try it. */
export async function redeemAccessPass(db: Executor, input: { personId: string; typed: string; at: Date }): Promise<string | null> {
  const hash = keyedHash(domain(input.personId), normalizePass(input.typed));
  const [used] = await db
    .update(accessPasses)
    .set({ usedAt: input.at })
    .where(
      and(
        eq(accessPasses.personId, input.personId),
        eq(accessPasses.passHash, hash),
        isNull(accessPasses.usedAt),
        isNull(accessPasses.revokedAt),
        gt(accessPasses.expiresAt, input.at),
      ),
    )
    .returning({ id: accessPasses.id });
  return used?.id ?? null;
}

/**
 * For 24 h after a pass let the person enrol a method, no method older than it may be removed by
 * the person: whoever got hold of a pass cannot lock the owner out. (The helpdesk still can.)
 */
export async function assertMayRemoveOlderMethod(db: Executor, input: { personId: string; methodId: string; at: Date }): Promise<void> {
  const methods = await db
    .select()
    .from(mfaMethods)
    .where(and(eq(mfaMethods.personId, input.personId), isNull(mfaMethods.removedAt)));
  const target = methods.find((m) => m.id === input.methodId);
  const recent = methods.filter((m) => m.enrolledWithPassAt && input.at.getTime() - m.enrolledWithPassAt.getTime() < PASS_METHOD_GRACE_SECONDS * 1000);
  if (target && recent.some((m) => m.id !== target.id && target.createdAt < m.createdAt)) throw new AppError("MFA_PASS_METHOD_TOO_NEW");
}
