import { and, count, eq, isNotNull, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods, recoveryCodes } from "@/db/schema";
import { keyedHash, keyedHashEquals } from "../../../crypto/keyed-hash";
import { normalizeReadable, READABLE_CHARS, readableChars } from "../../../crypto/random";

/**
 * Recovery codes (issue 11): ten single-use codes of 16 readable characters, "K7QM-2XDF-9PTA-8RWE".
 * The first two characters are the code's lookup ID (unique within its set), the other fourteen its
 * secret (70 bits), stored only as a keyed hash bound to the set and the lookup ID. So one hash is
 * checked per try, and a code is used with one conditional update: however many try the same code
 * at once, exactly one succeeds.
 */
export const RECOVERY_CODE_COUNT = 10;
/** Fewer left than this: recovery readiness nudges to make new ones. */
export const RECOVERY_CODES_LOW = 3;
const LOOKUP_LENGTH = 2;
const CODE_LENGTH = 16;

const domain = (methodId: string, lookup: string) => `recovery-code:${methodId}:${lookup}`;

/** "K7QM2XDF9PTA8RWE" → "K7QM-2XDF-9PTA-8RWE". */
export function formatRecoveryCode(raw: string): string {
  return raw.match(/.{1,4}/g)?.join("-") ?? "";
}

/** A typed code as its 16 characters (spaces, dashes, lower case and look-alikes forgiven), or null. */
export function normalizeRecoveryCode(typed: string): string | null {
  const chars = normalizeReadable(typed);
  return chars.length === CODE_LENGTH && READABLE_CHARS.test(chars) ? chars : null;
}

/**
 * Stores a new set of ten codes for `methodId` (the caller's transaction) and returns them, formatted,
 * for showing once. The lookup IDs are distinct within the set.
 */
export async function storeRecoveryCodes(tx: Executor, input: { personId: string; methodId: string; at: Date }): Promise<string[]> {
  const lookups = new Set<string>();
  while (lookups.size < RECOVERY_CODE_COUNT) lookups.add(readableChars(LOOKUP_LENGTH));
  const codes = [...lookups].map((lookup) => ({ lookup, secret: readableChars(CODE_LENGTH - LOOKUP_LENGTH) }));
  await tx.insert(recoveryCodes).values(
    codes.map(({ lookup, secret }) => ({
      methodId: input.methodId,
      personId: input.personId,
      lookup,
      codeHash: keyedHash(domain(input.methodId, lookup), secret),
      createdAt: input.at,
    })),
  );
  return codes.map(({ lookup, secret }) => formatRecoveryCode(lookup + secret));
}

export type RecoveryCodeCheck =
  | { kind: "match"; methodId: string; remaining: number }
  | { kind: "used"; methodId: string; usedAt: Date }
  | { kind: "wrong" }
  | { kind: "malformed" };

/** The person's active set: the confirmed, not removed recovery-code method. */
function activeSet(personId: string) {
  return and(eq(mfaMethods.personId, personId), eq(mfaMethods.kind, "recovery_code"), isNotNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt));
}

/** Uses a code of the person's active set if it is one, once: the decision is the conditional update's. */
export async function spendRecoveryCode(tx: Executor, input: { personId: string; typed: string; at: Date }): Promise<RecoveryCodeCheck> {
  const code = normalizeRecoveryCode(input.typed);
  if (!code) return { kind: "malformed" };
  const lookup = code.slice(0, LOOKUP_LENGTH);
  const [row] = await tx
    .select({ id: recoveryCodes.id, methodId: recoveryCodes.methodId, codeHash: recoveryCodes.codeHash, usedAt: recoveryCodes.usedAt })
    .from(recoveryCodes)
    .innerJoin(mfaMethods, eq(mfaMethods.id, recoveryCodes.methodId))
    .where(and(activeSet(input.personId), eq(recoveryCodes.lookup, lookup)));
  if (!row || !keyedHashEquals(domain(row.methodId, lookup), code.slice(LOOKUP_LENGTH), row.codeHash)) return { kind: "wrong" };
  if (row.usedAt) return { kind: "used", methodId: row.methodId, usedAt: row.usedAt };
  const [used] = await tx
    .update(recoveryCodes)
    .set({ usedAt: input.at })
    .where(and(eq(recoveryCodes.id, row.id), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (!used) {
    const [now] = await tx.select({ usedAt: recoveryCodes.usedAt }).from(recoveryCodes).where(eq(recoveryCodes.id, row.id));
    return { kind: "used", methodId: row.methodId, usedAt: now?.usedAt ?? input.at };
  }
  return { kind: "match", methodId: row.methodId, remaining: await remainingInSet(tx, row.methodId) };
}

async function remainingInSet(db: Executor, methodId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.methodId, methodId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** How many unused codes the person's active set has, or null when they have no set. */
export async function remainingRecoveryCodes(db: Executor, personId: string): Promise<number | null> {
  const [set] = await db.select({ id: mfaMethods.id }).from(mfaMethods).where(activeSet(personId));
  return set ? remainingInSet(db, set.id) : null;
}
