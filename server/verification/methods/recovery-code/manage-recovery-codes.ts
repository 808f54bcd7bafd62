import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mfaMethods, people } from "@/db/schema";
import { recordAudit } from "../../../audit/record-audit";
import { isStaff } from "../../../auth/session-rules";
import type { SessionContext } from "../../../auth/sessions";
import { now } from "../../../core/clock";
import { AppError } from "../../../core/errors";
import { noticeToPerson } from "../../../delivery/enqueue";
import type { RequestInfo } from "../../../http/request-info";
import { assertFreshFactor } from "../../../methods/fresh-factor";
import { methodRows } from "../method-rows";
import { methodFor } from "../registry";
import { remainingRecoveryCodes, storeRecoveryCodes } from "./recovery-codes";

export interface RecoveryCodeStatus {
  /** Unused codes in the active set; null when the person has none. */
  remaining: number | null;
  generatedAt: Date | null;
  /** Staff sign in with an authenticator only: recovery codes are not for them. */
  allowed: boolean;
}

export async function recoveryCodeStatus(session: SessionContext): Promise<RecoveryCodeStatus> {
  const db = await getDb();
  const [set] = await methodRows(db, session.person.id, { kind: "recovery_code" });
  return {
    remaining: await remainingRecoveryCodes(db, session.person.id),
    generatedAt: set?.method.confirmedAt ?? null,
    allowed: methodFor("recovery_code").capabilities.staff || !isStaff(session.person.role),
  };
}

/**
 * A new set of ten recovery codes, shown once: needs a fresh second factor; the old set (if any)
 * stops working in the same transaction. Audited, and the person is told by email.
 */
export async function generateRecoveryCodes(session: SessionContext, request: RequestInfo): Promise<{ codes: string[]; generatedAt: Date }> {
  const at = now();
  if (!methodFor("recovery_code").capabilities.staff && isStaff(session.person.role)) throw new AppError("STAFF_AUTHENTICATOR_REQUIRED");
  assertFreshFactor(session, at);
  const db = await getDb();
  const personId = session.person.id;
  return db.transaction(async (tx) => {
    // One regeneration at a time per person, so two tabs cannot leave two active sets.
    await tx.select({ id: people.id }).from(people).where(eq(people.id, personId)).for("update");
    const replaced = await methodFor("recovery_code").retireAll(tx, personId, at);
    const [method] = await tx
      .insert(mfaMethods)
      .values({ personId, kind: "recovery_code", label: "Recovery codes", createdAt: at, confirmedAt: at })
      .returning({ id: mfaMethods.id });
    const codes = await storeRecoveryCodes(tx, { personId, methodId: method!.id, at });
    await recordAudit(tx, {
      action: "method.recovery_codes_generated",
      actorKind: "person",
      actorPersonId: personId,
      targetPersonId: personId,
      correlationId: session.correlationId,
      clientIp: request.ip,
      detail: { methodId: method!.id, replacedSet: replaced.length > 0 },
    });
    await noticeToPerson(tx, { personId, template: "recovery_codes_generated", params: { count: codes.length }, correlationId: session.correlationId });
    return { codes, generatedAt: at };
  });
}
