import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mfaMethods, people, phoneNumbers, signInEvents } from "@/db/schema";
import { now } from "../core/clock";
import { lockState } from "../verification/lockout";
import { maskPhone } from "../verification/methods/phone/phone-number";
import { ticketForAction, verificationTargets } from "./caller-verification";

/**
 * What the agent needs beside a ticket: who the account is, its methods (masked), whether two-step
 * verification is locked and until when, the last successful sign-in, and where a verification
 * code can go.
 */
export async function personOverview(reference: string) {
  const db = await getDb();
  const ticket = await ticketForAction(db, reference);
  const [person] = await db.select().from(people).where(eq(people.id, ticket.personId));
  const methods = await db
    .select({
      id: mfaMethods.id,
      kind: mfaMethods.kind,
      confirmedAt: mfaMethods.confirmedAt,
      lastUsedAt: mfaMethods.lastUsedAt,
      e164: phoneNumbers.e164,
      role: phoneNumbers.role,
      suspendedAt: phoneNumbers.suspendedAt,
    })
    .from(mfaMethods)
    .leftJoin(phoneNumbers, eq(phoneNumbers.methodId, mfaMethods.id))
    .where(and(eq(mfaMethods.personId, ticket.personId), isNull(mfaMethods.removedAt), sql`${mfaMethods.confirmedAt} is not null`));
  const lock = await lockState(db, ticket.personId, now());
  const [lastSignIn] = await db
    .select({ occurredAt: signInEvents.occurredAt, method: signInEvents.method, correlationId: signInEvents.correlationId })
    .from(signInEvents)
    .where(and(eq(signInEvents.personId, ticket.personId), inArray(signInEvents.step, ["second_factor", "registration"]), eq(signInEvents.result, "success")))
    .orderBy(desc(signInEvents.id))
    .limit(1);
  return {
    person: { username: person!.username, displayName: person!.displayName, role: person!.role, disabled: person!.disabledAt !== null },
    methods: methods.map((m) => ({
      id: m.id,
      kind: m.kind,
      phone: m.e164 ? { display: maskPhone(m.e164), role: m.role!, suspended: m.suspendedAt !== null } : null,
      addedAt: m.confirmedAt!,
      lastUsedAt: m.lastUsedAt,
    })),
    lockedUntil: lock.locked ? lock.until : null,
    lastSignIn: lastSignIn ?? null,
    verificationTargets: await verificationTargets(db, ticket.personId),
  };
}
