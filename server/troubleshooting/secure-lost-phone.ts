import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { revokeOtherSessions, type SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { noticeToPerson } from "../delivery/enqueue";
import type { RequestInfo } from "../http/request-info";
import { assertFreshFactor } from "../methods/fresh-factor";
import { getPolicy } from "../policy/policy";
import { lastMethodRefusal } from "../verification/enrolment-rules";
import { assertMayRemoveOlderMethod } from "../verification/methods/access-pass/access-passes";
import type { MethodDescription } from "../verification/methods/method";
import { methodRows } from "../verification/methods/method-rows";
import { describeMethod, retireMethods } from "../verification/methods/registry";

/**
 * Lost or stolen phone, "secure my account" (seed scenario): in one step, retire every method the
 * person says was on that phone and sign out every other session, so whoever has the phone is out.
 * The methods go through the registry's one reset (retireMethods), the same as the helpdesk's: a
 * retired phone's codes and calls stop working with it. Needs a fresh second factor (the person
 * just signed in another way). Refused, and nothing retired, for a method that is not theirs
 * (NOT_FOUND), that an administrator manages (MFA_METHOD_MANAGED), that is older than a method a
 * pass let them enrol in the last 24 h (MFA_PASS_METHOD_TOO_NEW), or when it would take the last
 * method and the policy requires one (MFA_LAST_METHOD: the helpdesk helps), or leave only recovery
 * codes (MFA_LAST_RESORT_ONLY). Audited, one row per
 * method and one for the whole; the person gets a notice per method.
 */
export async function secureAfterLostPhone(
  session: SessionContext,
  input: { methodIds: string[] },
  request: RequestInfo,
): Promise<{ removed: number; removedMethods: MethodDescription[]; sessionsEnded: number }> {
  const at = now();
  assertFreshFactor(session, at);
  const personId = session.person.id;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const chosen = [...new Set(input.methodIds)];
    const rows = (await methodRows(tx, personId)).filter((r) => chosen.includes(r.method.id));
    if (rows.length !== chosen.length || chosen.length !== input.methodIds.length) throw new AppError("NOT_FOUND");
    for (const row of rows) {
      if (describeMethod(row).managedBy === "admin") throw new AppError("MFA_METHOD_MANAGED");
      await assertMayRemoveOlderMethod(tx, { personId, methodId: row.method.id, at });
    }
    const [person] = await tx.select({ organisationId: people.organisationId }).from(people).where(eq(people.id, personId));
    const policy = await getPolicy(tx, person!.organisationId);
    const refusal = policy.requireTwoStep ? await lastMethodRefusal(tx, personId, chosen) : null;
    if (refusal) throw new AppError(refusal);

    const retired = await retireMethods(tx, { personId, at, kinds: [...new Set(rows.map((r) => r.method.kind))], only: chosen });
    if (retired.count !== chosen.length) throw new AppError("NOT_FOUND");
    for (const row of rows) {
      await recordAudit(tx, {
        action: "method.removed",
        actorKind: "person",
        actorPersonId: personId,
        targetPersonId: personId,
        correlationId: session.correlationId,
        clientIp: request.ip,
        detail: { kind: row.method.kind, methodId: row.method.id, replacedBy: null },
      });
      await noticeToPerson(tx, { personId, template: "method_removed", method: describeMethod(row), correlationId: session.correlationId });
    }
    const sessionsEnded = await revokeOtherSessions(tx, session, "lost_phone", at);
    await recordAudit(tx, {
      action: "lost_phone.secured",
      actorKind: "person",
      actorPersonId: personId,
      targetPersonId: personId,
      correlationId: session.correlationId,
      clientIp: request.ip,
      detail: { methodsRemoved: retired.count, sessionsEnded },
    });
    return { removed: retired.count, removedMethods: rows.map(describeMethod), sessionsEnded };
  });
}
