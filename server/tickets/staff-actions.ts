import { and, eq, isNull, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ticketMessages, tickets } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { noticeToPerson } from "../delivery/enqueue";
import { notifyRequester } from "./read-tickets";
import { replyWithheldFromContact, requesterStanding, STANDING_RANK, type RequesterStanding } from "./requester-standing";
import { redactSecrets } from "./redact";
import { parseTicketReference, ticketReference } from "./tickets.schemas";
import type { TicketPriority, TicketStatus } from "./ticket-values";
import { translate } from "../i18n/translate";

type TicketRow = typeof tickets.$inferSelect;

async function ticketByReference(reference: string): Promise<TicketRow> {
  const db = await getDb();
  const number = parseTicketReference(reference);
  const [row] = number === null ? [] : await db.select().from(tickets).where(eq(tickets.number, number));
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** Where a public reply's text went: the contact address, only the address on file, or nowhere (no address on file). */
export type ReplySentTo = "contact" | "address_on_file" | "none";

/**
 * A staff message on a ticket: a public reply (the requester sees it and gets an email with the
 * status link; the first one stops the first-response clock; the ticket then waits on the person)
 * or an internal note (staff only). Redacted like every ticket text; audited. On a ticket whose
 * contact address is not the address on file, the reply's text goes to the address on file only
 * and the contact gets a neutral notice (the reply rule in requester-standing.ts).
 */
export async function replyAsStaff(
  session: SessionContext,
  input: { reference: string; body: string; internal: boolean },
  request: RequestInfo,
): Promise<{ redacted: string[]; sentTo: ReplySentTo | null }> {
  const row = await ticketByReference(input.reference);
  if (row.status === "closed") throw new AppError("TICKET_CLOSED");
  const clean = redactSecrets(input.body);
  const at = now();
  const db = await getDb();
  const { standing, addressOnFile } = await requesterStanding(db, row);
  const withheld = replyWithheldFromContact(standing);
  const sentTo: ReplySentTo | null = input.internal ? null : !withheld ? "contact" : addressOnFile ? "address_on_file" : "none";
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
      if (withheld) {
        // The text only to the address on file; whoever gave the contact address learns that we replied, not what.
        if (row.personId)
          await noticeToPerson(tx, { personId: row.personId, template: "ticket_reply_on_file", params: { reference: ticketReference(row.number), reply: clean.text } });
        await notifyRequester(tx, row, "ticket_reply_withheld");
      } else {
        await notifyRequester(tx, row, "ticket_reply");
      }
    }
    await recordAudit(tx, {
      action: input.internal ? "ticket.noted" : "ticket.replied",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: row.personId,
      ticketId: row.id,
      clientIp: request.ip,
      detail: sentTo ? { redacted: clean.redacted.length, sentTo } : { redacted: clean.redacted.length },
    });
  });
  return { redacted: clean.redacted, sentTo };
}

/** Moves a ticket to another status; the requester is told; audited. */
export async function changeTicketStatus(session: SessionContext, input: { reference: string; status: TicketStatus }, request: RequestInfo): Promise<void> {
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

/** One side of a merge, as the agent sees it before confirming. */
export interface MergeSide {
  reference: string;
  subject: string;
  requesterName: string;
  requesterUsername: string;
  status: TicketStatus;
  standing: RequesterStanding;
}

/**
 * Why a merge of `duplicate` into `kept` is refused, or null. Both open and about the same person
 * (the same account, or the same username when one was filed anonymously), and the kept ticket's
 * requester at least as sure as the duplicate's (STANDING_RANK): a ticket filed signed in, or from
 * the address on file, is never closed into one whose contact is unverified, so an anonymous
 * requester who typed someone's username cannot take over their conversation. That direction is
 * refused with TICKET_MERGE_DIRECTION (merge the other way round), never silently swapped.
 */
function mergeRefusal(
  duplicate: TicketRow,
  kept: TicketRow,
  standings: { duplicate: RequesterStanding; kept: RequesterStanding },
): "TICKET_MERGE_INVALID" | "TICKET_MERGE_DIRECTION" | null {
  const samePerson = duplicate.personId && kept.personId ? duplicate.personId === kept.personId : duplicate.requesterUsername === kept.requesterUsername;
  if (duplicate.id === kept.id || !samePerson || duplicate.status === "closed" || duplicate.mergedIntoId || kept.status === "closed" || kept.mergedIntoId)
    return "TICKET_MERGE_INVALID";
  if (STANDING_RANK[standings.duplicate] > STANDING_RANK[standings.kept]) return "TICKET_MERGE_DIRECTION";
  return null;
}

async function mergeSides(input: { reference: string; into: string }) {
  const db = await getDb();
  const duplicate = await ticketByReference(input.reference);
  const kept = await ticketByReference(input.into);
  const standings = { duplicate: (await requesterStanding(db, duplicate)).standing, kept: (await requesterStanding(db, kept)).standing };
  const side = (row: TicketRow, standing: RequesterStanding): MergeSide => ({
    reference: ticketReference(row.number),
    subject: row.subject,
    requesterName: row.requesterName,
    requesterUsername: row.requesterUsername,
    status: row.status,
    standing,
  });
  return { duplicate, kept, refusal: mergeRefusal(duplicate, kept, standings), sides: { duplicate: side(duplicate, standings.duplicate), kept: side(kept, standings.kept) } };
}

/** The merge dialog: both tickets with how sure we are of their requester, and whether (and why not) they can be merged this way. */
export async function previewMerge(input: {
  reference: string;
  into: string;
}): Promise<{ duplicate: MergeSide; kept: MergeSide; refusal: "TICKET_MERGE_INVALID" | "TICKET_MERGE_DIRECTION" | null }> {
  const { sides, refusal } = await mergeSides(input);
  return { ...sides, refusal };
}

/**
 * Merges a duplicate into the ticket staff go on with (see mergeRefusal for when it may). The
 * duplicate is closed with a public note naming the other reference and its requester is told;
 * the kept ticket takes the higher priority of the two. One audit row, on the kept ticket.
 */
export async function mergeTickets(session: SessionContext, input: { reference: string; into: string }, request: RequestInfo): Promise<{ into: string }> {
  const { duplicate, kept, refusal, sides } = await mergeSides(input);
  if (refusal === "TICKET_MERGE_DIRECTION") throw new AppError(refusal, { params: { keep: sides.duplicate.reference, other: sides.kept.reference } });
  if (refusal) throw new AppError(refusal);
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
