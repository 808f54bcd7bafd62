import { and, asc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db/client";
import { auditEvents, people } from "@/db/schema";
import { AUDIT_ACTIONS, type AuditAction } from "../audit/record-audit";

const HISTORY_LIMIT = 200;

export interface HistoryEntry {
  at: Date;
  action: AuditAction | "ticket.filed";
  actorUsername: string | null;
  outcome: "success" | "failure";
  /** A catalog code or a short reason the agent gave; shown as text. */
  reason: string | null;
}

/**
 * What happened on a ticket, oldest first: when it was filed, then every audited action tied to
 * it (assignments, replies and notes, status changes, verifications, approvals, resets, merges),
 * with who did it and whether it was refused. Read from the append-only audit trail.
 */
/** The ticket page's history (see ticketHistory). */
export async function historyOfTicket(ticket: { id: string; createdAt: Date; mergedIntoId: string | null }): Promise<HistoryEntry[]> {
  return ticketHistory(await getDb(), ticket);
}

export async function ticketHistory(db: Executor, ticket: { id: string; createdAt: Date; mergedIntoId: string | null }): Promise<HistoryEntry[]> {
  const actor = alias(people, "actor");
  const rows = await db
    .select({ at: auditEvents.occurredAt, action: auditEvents.action, actorUsername: actor.username, outcome: auditEvents.outcome, reason: auditEvents.reason })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorPersonId))
    .where(
      or(
        eq(auditEvents.ticketId, ticket.id),
        // A duplicate's merge is recorded on the ticket it went into.
        ticket.mergedIntoId
          ? and(eq(auditEvents.ticketId, ticket.mergedIntoId), eq(auditEvents.action, "ticket.merged"), sql`${auditEvents.detail}->>'duplicateId' = ${ticket.id}`)
          : undefined,
      ),
    )
    .orderBy(asc(auditEvents.id))
    .limit(HISTORY_LIMIT);
  const known = new Set<string>(AUDIT_ACTIONS);
  return [
    { at: ticket.createdAt, action: "ticket.filed", actorUsername: null, outcome: "success", reason: null },
    ...rows.filter((r) => known.has(r.action)).map((r) => ({ ...r, action: r.action as AuditAction })),
  ];
}
