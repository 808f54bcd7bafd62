import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mfaMethods, people } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { noticeToPerson } from "../delivery/enqueue";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { methodAdded } from "../verification/methods/method-added";
import { methodRows } from "../verification/methods/method-rows";
import { maskPhone } from "../verification/methods/phone/phone-number";
import { describeMethod, enrolmentFor } from "../verification/methods/registry";

/**
 * Office phones (seed 002): set by an administrator (number and extension), used for calls only (a
 * mobile or a fixed line, never a service number); the person sees it read-only. Every change is
 * audited and the person is told.
 */
export async function listPeopleForAdmin() {
  const db = await getDb();
  return db.select({ id: people.id, username: people.username, displayName: people.displayName, role: people.role }).from(people).orderBy(asc(people.username)).limit(500);
}

async function officePhoneOf(personId: string) {
  const db = await getDb();
  const rows = await methodRows(db, personId, { kind: "phone", state: "current" });
  const row = rows.find((r) => r.phone?.role === "office");
  return row?.phone ? { method: row.method, phone: row.phone } : null;
}

export async function personForAdmin(username: string) {
  const db = await getDb();
  const [person] = await db
    .select({ id: people.id, username: people.username, displayName: people.displayName, role: people.role, disabledAt: people.disabledAt, managerId: people.managerId })
    .from(people)
    .where(eq(people.username, username));
  if (!person) throw new AppError("NOT_FOUND");
  const office = await officePhoneOf(person.id);
  const [manager] = person.managerId ? await db.select({ username: people.username }).from(people).where(eq(people.id, person.managerId)) : [];
  return {
    ...person,
    managerUsername: manager?.username ?? null,
    officePhone: office ? { e164: office.phone.e164, display: maskPhone(office.phone.e164), extension: office.phone.extension } : null,
  };
}

export async function setOfficePhone(admin: SessionContext, input: { personId: string; number: string; extension: string }, request: RequestInfo): Promise<void> {
  // A fresh second factor: adminProcedure checks it for every admin mutation.
  const at = now();
  const assign = enrolmentFor("phone").assign;
  if (!assign) throw new Error("a phone has no assign");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const assigned = await assign(tx, input.personId, at, { number: input.number, extension: input.extension });
    await methodAdded(tx, {
      personId: input.personId,
      methodId: assigned.methodId,
      actor: { kind: "staff", personId: admin.person.id },
      action: "admin.office_phone_set",
      detail: { replaced: assigned.replaced },
      correlationId: admin.correlationId,
      clientIp: request.ip,
    });
  });
}

export async function removeOfficePhone(admin: SessionContext, input: { personId: string }, request: RequestInfo): Promise<void> {
  // A fresh second factor: adminProcedure checks it for every admin mutation.
  const at = now();
  const existing = await officePhoneOf(input.personId);
  if (!existing) throw new AppError("NOT_FOUND");
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(mfaMethods).set({ removedAt: at }).where(eq(mfaMethods.id, existing.method.id));
    await recordAudit(tx, {
      action: "admin.office_phone_removed",
      actorKind: "staff",
      actorPersonId: admin.person.id,
      targetPersonId: input.personId,
      correlationId: admin.correlationId,
      clientIp: request.ip,
      detail: { methodId: existing.method.id },
    });
    await noticeToPerson(tx, { personId: input.personId, template: "method_removed", method: describeMethod(existing), correlationId: admin.correlationId });
  });
}
