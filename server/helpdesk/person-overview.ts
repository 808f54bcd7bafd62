import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people, signInEvents } from "@/db/schema";
import { now } from "../core/clock";
import { lockState } from "../verification/lockout";
import { maskPhone } from "../verification/methods/phone/phone-number";
import { methodRows } from "../verification/methods/method-rows";
import { describeMethod } from "../verification/methods/registry";
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
  const methods = await methodRows(db, ticket.personId);
  const lock = await lockState(db, ticket.personId, now());
  const [lastSignIn] = await db
    .select({ occurredAt: signInEvents.occurredAt, method: signInEvents.method, correlationId: signInEvents.correlationId })
    .from(signInEvents)
    .where(and(eq(signInEvents.personId, ticket.personId), inArray(signInEvents.step, ["second_factor", "registration"]), eq(signInEvents.result, "success")))
    .orderBy(desc(signInEvents.id))
    .limit(1);
  return {
    person: { username: person!.username, displayName: person!.displayName, role: person!.role, disabled: person!.disabledAt !== null },
    methods: methods.map((row) => {
      const described = describeMethod(row);
      // A number suspended by "0#", or push on a device suspended by "It wasn't me".
      const suspended = row.phone?.suspendedAt != null || row.push?.suspendedAt != null;
      // `phone` keeps the masked number on its own for the callers that read it (caller verification's tests).
      return { id: row.method.id, ...described, suspended, phone: row.phone ? { display: maskPhone(row.phone.e164), role: row.phone.role, suspended } : null };
    }),
    lockedUntil: lock.locked ? lock.until : null,
    lastSignIn: lastSignIn ?? null,
    verificationTargets: await verificationTargets(db, ticket.personId),
  };
}
