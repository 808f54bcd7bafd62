import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { auditEvents, people, tickets } from "@/db/schema";
import { ticketReference } from "../tickets/tickets.schemas";
import { csvRow } from "./csv";
import { recordAudit } from "./record-audit";
import type { AuditFilters } from "./audit.schemas";

const actor = alias(people, "actor");
const target = alias(people, "target");

function conditions(filters: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.action) where.push(eq(auditEvents.action, filters.action));
  if (filters.actor) where.push(eq(actor.username, filters.actor));
  if (filters.person) where.push(eq(target.username, filters.person));
  if (filters.ticket) where.push(eq(tickets.number, filters.ticket));
  if (filters.outcome) where.push(eq(auditEvents.outcome, filters.outcome));
  if (filters.from) where.push(gte(auditEvents.occurredAt, filters.from));
  if (filters.to) where.push(lte(auditEvents.occurredAt, filters.to));
  return where;
}

function query(filters: AuditFilters, before: number | undefined, limit: number) {
  return getDb().then((db) =>
    db
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        action: auditEvents.action,
        actorKind: auditEvents.actorKind,
        actor: actor.username,
        person: target.username,
        ticketNumber: tickets.number,
        outcome: auditEvents.outcome,
        reason: auditEvents.reason,
        clientIp: auditEvents.clientIp,
        detail: auditEvents.detail,
      })
      .from(auditEvents)
      .leftJoin(actor, eq(actor.id, auditEvents.actorPersonId))
      .leftJoin(target, eq(target.id, auditEvents.targetPersonId))
      .leftJoin(tickets, eq(tickets.id, auditEvents.ticketId))
      .where(and(...conditions(filters), before ? lt(auditEvents.id, before) : undefined))
      .orderBy(desc(auditEvents.id))
      .limit(limit),
  );
}

export type AuditRow = Awaited<ReturnType<typeof query>>[number];

/**
 * The audit trail for administrators, newest first, with filters, a page at a time (keyset on the
 * row ID: the 50th page costs what the first does).
 */
export async function listAuditEvents(filters: AuditFilters, before?: number, limit = 50) {
  const rows = await query(filters, before, limit + 1);
  const page = rows.slice(0, limit);
  return {
    rows: page.map((r) => ({ ...r, ticket: r.ticketNumber ? ticketReference(r.ticketNumber) : null })),
    nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** The same filtered trail as CSV (at most 100,000 rows), safe to open in a spreadsheet. */
/** The administrator's export: the filtered trail as CSV, and the export itself audited. */
export async function exportAuditCsv(actorPersonId: string, filters: AuditFilters, clientIp: string | null): Promise<string> {
  const csv = await auditCsv(filters);
  await recordAudit(await getDb(), { action: "audit.exported", actorKind: "staff", actorPersonId, clientIp, detail: { filters: JSON.stringify(filters) } });
  return csv;
}

export async function auditCsv(filters: AuditFilters): Promise<string> {
  const header = ["id", "occurred_at", "action", "actor_kind", "actor", "person", "ticket", "outcome", "reason", "client_ip", "detail"];
  const lines = [csvRow(header)];
  let before: number | undefined;
  for (let page = 0; page < 100; page++) {
    const rows = await query(filters, before, 1000);
    for (const r of rows) {
      lines.push(
        csvRow([
          r.id,
          r.occurredAt.toISOString(),
          r.action,
          r.actorKind,
          r.actor,
          r.person,
          r.ticketNumber ? ticketReference(r.ticketNumber) : null,
          r.outcome,
          r.reason,
          r.clientIp,
          r.detail ? JSON.stringify(r.detail) : null,
        ]),
      );
    }
    if (rows.length < 1000) break;
    before = rows[rows.length - 1]!.id;
  }
  return `${lines.join("\r\n")}\r\n`;
}
