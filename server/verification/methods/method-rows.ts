/**
 * The one read of a person's methods with their phone and device rows (the "methods-with-phone query"): every
 * list, panel, wizard, notice and check that needs a person's methods starts here and names them
 * with describeMethod (registry.ts).
 */
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods, phoneNumbers, pushDevices } from "@/db/schema";
import type { MethodKind, MethodRow } from "./method";

export interface MethodRowsFilter {
  /** Only this method (still the person's). */
  methodId?: string;
  kind?: MethodKind;
  /**
   * "active" (default): confirmed and not removed; "current": not removed, also registrations in
   * progress; "any": also removed ones (history, "what was removed").
   */
  state?: "active" | "current" | "any";
}

/** The person's methods and, for phones, their numbers (for push, the device), oldest first. */
export async function methodRows(db: Executor, personId: string, filter: MethodRowsFilter = {}): Promise<MethodRow[]> {
  const state = filter.state ?? "active";
  return db
    .select({ method: mfaMethods, phone: phoneNumbers, push: pushDevices })
    .from(mfaMethods)
    .leftJoin(phoneNumbers, eq(phoneNumbers.methodId, mfaMethods.id))
    .leftJoin(pushDevices, eq(pushDevices.methodId, mfaMethods.id))
    .where(
      and(
        eq(mfaMethods.personId, personId),
        filter.methodId ? eq(mfaMethods.id, filter.methodId) : undefined,
        filter.kind ? eq(mfaMethods.kind, filter.kind) : undefined,
        state === "active" ? isNotNull(mfaMethods.confirmedAt) : undefined,
        state !== "any" ? isNull(mfaMethods.removedAt) : undefined,
      ),
    )
    .orderBy(asc(mfaMethods.createdAt), asc(mfaMethods.id));
}

/** One of the person's methods (any state), or null when it is not theirs. */
export async function methodRow(db: Executor, personId: string, methodId: string, filter: Omit<MethodRowsFilter, "methodId"> = {}): Promise<MethodRow | null> {
  const [row] = await methodRows(db, personId, { state: "any", ...filter, methodId });
  return row ?? null;
}
