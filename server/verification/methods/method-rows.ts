import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods, phoneNumbers } from "@/db/schema";
import type { MethodRow } from "./method";

const withDetail = (db: Executor) => db.select({ method: mfaMethods, phone: phoneNumbers }).from(mfaMethods).leftJoin(phoneNumbers, eq(phoneNumbers.methodId, mfaMethods.id));

/** A person's confirmed, not removed methods with their details (what the registry's modules read). */
export function confirmedMethodRows(db: Executor, personId: string): Promise<MethodRow[]> {
  return withDetail(db).where(and(eq(mfaMethods.personId, personId), isNotNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)));
}

/** One method with its details. */
export async function methodRow(db: Executor, methodId: string): Promise<MethodRow | null> {
  const [row] = await withDetail(db).where(eq(mfaMethods.id, methodId));
  return row ?? null;
}
