import { and, eq, isNull, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ticketMessages, tickets } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { now } from "../clock";
import { AppError } from "../errors";
import type { RequestInfo } from "../http/request-info";
import { notifyRequester } from "./read-tickets";
import { redactSecrets } from "./redact";
import { parseTicketReference, ticketReference } from "./tickets.schemas";
import type { TicketPriority, TicketStatus } from "./ticket-values";
import { translate } from "../i18n/translate";

async function ticketByReference(reference: string) {
  const db = await getDb();
  const number = parseTicketReference(reference);
  const [row] = number === null ? [] : await db.select().from(tickets).where(eq(tickets.number, number));
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/**
 * A staff message on a ticket: a public reply (the requester sees it and gets an email with the
 * status link; the first one stops the first-response clock; the ticket then waits on the person)
 * or an internal note (staff only). Redacted like every ticket text; audited.
 */
export async function replyAsStaff(
  session: SessionContext,
  input: { reference: string; body: string; internal: boolean },
  request: RequestInfo,
): Promise<{ redacted: string[] }> {
  const row = await ticketByReference(input.reference);
  if (row.status === "closed") throw new AppError("TICKET_CLOSED");
  const clean = redactSecrets(input.body);
  const at = now();
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(ticketMessages).values({
      ticketId: row.id,
      author: "staff",
      authorPersonId: session.person.id,
      visibility: input.internal ? "internal" : "public",
      body: clean.text,
      redactions: clean.redacted,
      createdAt: at,
    });
    if (!input.internal) {
      await tx
        .update(tickets)
        .set({ status: "waiting_on_person", firstResponseAt: row.firstResponseAt ?? at, updatedAt: at })
        .where(eq(tickets.id, row.id));
      await notifyRequester(tx, row, "ticket_reply");
    }
    await recordAudit(tx, {
      action: input.internal ? "ticket.noted" : "ticket.replied",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: row.personId,
      ticketId: row.id,
      clientIp: request.ip,
      detail: { redacted: clean.redacted.length },
    });
  });
  return { redacted: clean.redacted };
}

/** Moves a ticket to another status; the requester is told; audited. */
export async function changeTicketStatus(
  session: SessionContext,
  input: { reference: string; status: TicketStatus },
  request: RequestInfo,
): Promise<void> {
  const row = await ticketByReference(input.reference);
  if (row.status === input.status) return;
  const at = now();
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(tickets)
      .set({
        status: input.status,
        updatedAt: at,
        resolvedAt: input.status === "resolved" || input.status === "closed" ? (row.resolvedAt ?? at) : null,
        // The status link expires 90 days after closing (./status-links); reopening stops that clock.
        closedAt: input.status === "closed" ? at : null,
      })
      .where(eq(tickets.id, row.id));
    await notifyRequester(tx, row, "ticket_status_changed", { status: input.status });
    await recordAudit(tx, {
      action: "ticket.status_changed",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: row.personId,
      ticketId: row.id,
      clientIp: request.ip,
      detail: { from: row.status, to: input.status },
    });
  });
}

/**
 * Merges a duplicate into the ticket staff go on with: both open and about the same person (the
 * same account, or the same username when one was filed anonymously). The duplicate is closed
 * with a public note naming the other reference and its requester is told; the kept ticket takes
 * the higher priority of the two. One audit row, on the kept ticket.
 */
export async function mergeTickets(
  session: SessionContext,
  input: { reference: string; into: string },
  request: RequestInfo,
): Promise<{ into: string }> {
  const duplicate = await ticketByReference(input.reference);
  const kept = await ticketByReference(input.into);
  const samePerson =
    duplicate.personId && kept.personId ? duplicate.personId === kept.personId : duplicate.requesterUsername === kept.requesterUsername;
  if (duplicate.id === kept.id || !samePerson || kept.status === "closed" || kept.mergedIntoId) throw new AppError("TICKET_MERGE_INVALID");
  const at = now();
  const into = ticketReference(kept.number);
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Atomic: two agents merging the same duplicate at once, or a duplicate closed meanwhile, find nothing here.
    const [closed] = await tx
      .update(tickets)
      .set({ status: "closed", mergedIntoId: kept.id, updatedAt: at, resolvedAt: duplicate.resolvedAt ?? at, closedAt: at })
      .where(and(eq(tickets.id, duplicate.id), ne(tickets.status, "closed"), isNull(tickets.mergedIntoId)))
      .returning({ id: tickets.id });
    if (!closed) throw new AppError("TICKET_MERGE_INVALID");
    await tx.insert(ticketMessages).values({
      ticketId: duplicate.id,
      author: "system",
      visibility: "public",
      body: translate(duplicate.locale, "tickets.mergedInto", { into }),
      redactions: [],
      createdAt: at,
    });
    const priority = PRIORITY_RANK[duplicate.priority] > PRIORITY_RANK[kept.priority] ? duplicate.priority : kept.priority;
    await tx.update(tickets).set({ priority, updatedAt: at }).where(eq(tickets.id, kept.id));
    await notifyRequester(tx, duplicate, "ticket_merged", { into });
    await recordAudit(tx, {
      action: "ticket.merged",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: kept.personId ?? duplicate.personId,
      ticketId: kept.id,
      clientIp: request.ip,
      detail: { duplicateId: duplicate.id, duplicate: ticketReference(duplicate.number), into },
    });
  });
  return { into };
}

const PRIORITY_RANK: Record<TicketPriority, number> = { low: 0, normal: 1, high: 2 };

/**
 * The helpdesk revokes a ticket's status link (it reached someone else): from now on it answers
 * like an unknown link; the requester gets a fresh one with the next public reply or status
 * notice (./status-links). Revoking a revoked link changes nothing. Audited.
 */
export async function revokeStatusLink(session: SessionContext, input: { reference: string }, request: RequestInfo): Promise<void> {
  const row = await ticketByReference(input.reference);
  const at = now();
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(tickets)
      .set({ statusLinkRevokedAt: at })
      .where(and(eq(tickets.id, row.id), isNull(tickets.statusLinkRevokedAt)))
      .returning({ id: tickets.id });
    if (!revoked) return;
    await recordAudit(tx, {
      action: "ticket.status_link_revoked",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: row.personId,
      ticketId: row.id,
      clientIp: request.ip,
      detail: { version: row.statusLinkVersion },
    });
  });
}

/** For a ticket's page: the ticket it was merged into, if any, and the duplicates merged into it. */
export async function mergeLinks(ticket: { id: string; mergedIntoId: string | null }): Promise<{ into: string | null; duplicates: string[] }> {
  const db = await getDb();
  const rows = await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.mergedIntoId, ticket.id)).orderBy(tickets.number);
  const [into] = ticket.mergedIntoId ? await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, ticket.mergedIntoId)) : [];
  return { into: into ? ticketReference(into.number) : null, duplicates: rows.map((r) => ticketReference(r.number)) };
}
