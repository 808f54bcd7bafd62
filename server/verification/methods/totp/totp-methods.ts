import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods, totpCredentials } from "@/db/schema";
import { openTotpSeed, totpParameters } from "./totp-secrets";
import type { TotpParameters } from "./verify-totp-code";

export interface TotpMethod {
  methodId: string;
  label: string;
  lastUsedStep: number | null;
  parameters: TotpParameters;
}

function toMethod(personId: string, row: { method: typeof mfaMethods.$inferSelect; credential: typeof totpCredentials.$inferSelect }): TotpMethod {
  const seed = openTotpSeed(personId, row.method.id, row.credential.secretEnvelope);
  return { methodId: row.method.id, label: row.method.label, lastUsedStep: row.credential.lastUsedStep, parameters: totpParameters(seed, row.credential) };
}

/** The person's confirmed authenticator apps, with their seeds opened (only the verifier uses them). */
export async function confirmedTotpMethods(db: Executor, personId: string): Promise<TotpMethod[]> {
  const rows = await db
    .select({ method: mfaMethods, credential: totpCredentials })
    .from(mfaMethods)
    .innerJoin(totpCredentials, eq(totpCredentials.methodId, mfaMethods.id))
    .where(and(eq(mfaMethods.personId, personId), eq(mfaMethods.kind, "totp"), isNotNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)));
  return rows.map((row) => toMethod(personId, row));
}

export async function pendingTotpMethod(db: Executor, personId: string, methodId: string): Promise<TotpMethod | null> {
  const [row] = await db
    .select({ method: mfaMethods, credential: totpCredentials })
    .from(mfaMethods)
    .innerJoin(totpCredentials, eq(totpCredentials.methodId, mfaMethods.id))
    .where(and(eq(mfaMethods.id, methodId), eq(mfaMethods.personId, personId), isNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)));
  return row ? toMethod(personId, row) : null;
}

/**
 * Records that `step` was used; false when it (or a later step) already was. One conditional
 * update, so of any number of concurrent submissions of one code exactly one wins.
 */
export async function consumeTotpStep(db: Executor, methodId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(totpCredentials)
    .set({ lastUsedStep: step })
    .where(and(eq(totpCredentials.methodId, methodId), or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step))))
    .returning({ methodId: totpCredentials.methodId });
  return rows.length === 1;
}
