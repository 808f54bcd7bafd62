import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods } from "@/db/schema";
import type { MethodKind } from "./method";

/**
 * Sets `removed_at` on the person's live rows of one kind (all, or only those listed): the part of
 * retiring every kind shares. Returns the IDs retired; a row already removed is left as it was.
 */
export async function retireMethodRows(tx: Executor, input: { kind: MethodKind; personId: string; at: Date; only?: readonly string[] }): Promise<string[]> {
  if (input.only && input.only.length === 0) return [];
  const rows = await tx
    .update(mfaMethods)
    .set({ removedAt: input.at })
    .where(
      and(eq(mfaMethods.personId, input.personId), eq(mfaMethods.kind, input.kind), isNull(mfaMethods.removedAt), input.only ? inArray(mfaMethods.id, [...input.only]) : undefined),
    )
    .returning({ id: mfaMethods.id });
  return rows.map((r) => r.id);
}
