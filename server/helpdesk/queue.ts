import { and, asc, eq, inArray, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db/client";
import { people, tickets } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { isStaff } from "../auth/session-rules";
import { addSeconds, now } from "../core/clock";
import { isErrorCode } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { AppError } from "../core/errors";
import { changeTicketStatus } from "../tickets/staff-actions";
import { parseTicketReference, ticketReference } from "../tickets/tickets.schemas";
import type { TicketPriority, TicketStatus } from "../tickets/ticket-values";
import type { QueueQuery } from "./queue.schemas";

/** Service levels by priority (hours): the first response, and the resolution. */
export const SLA_HOURS: Record<TicketPriority, { firstResponse: number; resolution: number }> = {
  high: { firstResponse: 1, resolution: 8 },
  normal: { firstResponse: 8, resolution: 72 },
  low: { firstResponse: 24, resolution: 120 },
};

const CLOSED: TicketStatus[] = ["resolved", "closed"];
const assignee = alias(people, "assignee");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** created_at + the priority's hours, in SQL (for "breaching SLA"). */
function dueSql(kind: "firstResponse" | "resolution"): SQL {
  // The hours are our own constants (integers), written into the SQL as such.
  const hours = (p: TicketPriority) => sql.raw(String(Math.trunc(SLA_HOURS[p][kind])));
  return sql`${tickets.createdAt} + (case ${tickets.priority} when 'high' then ${hours("high")} when 'normal' then ${hours("normal")} else ${hours("low")} end) * interval '1 hour'`;
}

function viewCondition(view: QueueQuery["view"], agentId: string, at: Date): SQL | undefined {
  const open = notInArray(tickets.status, CLOSED);
  const iso = at.toISOString();
  switch (view) {
    case "new":
      return eq(tickets.status, "new");
    case "mine":
      return and(eq(tickets.assigneeId, agentId), open);
    case "unassigned":
      return and(isNull(tickets.assigneeId), open);
    case "high":
      return and(eq(tickets.priority, "high"), open);
    case "waiting":
      return eq(tickets.status, "waiting_on_person");
    case "breaching":
      return and(open, or(and(isNull(tickets.firstResponseAt), sql`${dueSql("firstResponse")} < ${iso}::timestamptz`), sql`${dueSql("resolution")} < ${iso}::timestamptz`));
    case "all":
      return undefined;
  }
}

/** Up to this many text matches are found through the word index first; more means a common word. */
const SEARCH_HITS_CAP = 2000;

/**
 * Search: a reference, a correlation ID or an error code exactly; anything else is a username, or
 * words that all occur in the subject or text (whole words, any case). Text is looked up in the
 * word index first: a rare word (up to 2,000 tickets) pins the page to those tickets, a common one
 * is checked along the queue's own order, where the first page is found at once. Either way a
 * search over a million tickets stays fast, whatever the planner guesses about the words.
 */
async function searchCondition(db: Executor, q: string): Promise<SQL> {
  const text = q.trim();
  const number = parseTicketReference(text);
  if (number !== null) return eq(tickets.number, number);
  if (UUID.test(text)) return eq(tickets.correlationId, text.toLowerCase());
  if (isErrorCode(text.toUpperCase())) return eq(tickets.errorCode, text.toUpperCase());
  const matches = or(eq(tickets.requesterUsername, text.toLowerCase()), sql`${tickets.searchWords} @@ plainto_tsquery('simple', ${text})`)!;
  const hits = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(matches)
    .limit(SEARCH_HITS_CAP + 1);
  if (hits.length > SEARCH_HITS_CAP) return matches;
  return hits.length > 0
    ? inArray(
        tickets.id,
        hits.map((h) => h.id),
      )
    : sql`false`;
}

/** The cursor of a page: the last row's creation time and number (keyset pagination, oldest first). */
export function encodeCursor(createdAt: Date, number: number): string {
  return `${createdAt.getTime()}.${number}`;
}
function decodeCursor(cursor: string): { at: Date; number: number } | null {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(cursor);
  return match ? { at: new Date(Number(match[1])), number: Number(match[2]) } : null;
}

/**
 * The helpdesk queue: one view (new, mine, unassigned, high priority, waiting on the person,
 * breaching SLA, all) with filters and search, oldest first, a page at a time. Keyset pagination:
 * page 50 costs what page 1 does.
 */
export async function listQueue(session: SessionContext, query: QueueQuery) {
  const db = await getDb();
  const at = now();
  const cursor = query.after ? decodeCursor(query.after) : null;
  const where = and(
    viewCondition(query.view, session.person.id, at),
    query.status ? eq(tickets.status, query.status) : undefined,
    query.category ? eq(tickets.category, query.category) : undefined,
    query.priority ? eq(tickets.priority, query.priority) : undefined,
    query.assignee ? eq(assignee.username, query.assignee) : undefined,
    query.olderThanHours ? sql`${tickets.createdAt} < ${addSeconds(at, -query.olderThanHours * 3600).toISOString()}::timestamptz` : undefined,
    query.q ? await searchCondition(db, query.q) : undefined,
    cursor ? sql`(${tickets.createdAt}, ${tickets.number}) > (${cursor.at.toISOString()}::timestamptz, ${cursor.number})` : undefined,
  );
  const rows = await db
    .select({
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      priority: tickets.priority,
      category: tickets.category,
      requesterUsername: tickets.requesterUsername,
      submittedBy: tickets.submittedBy,
      assignee: assignee.username,
      createdAt: tickets.createdAt,
      firstResponseAt: tickets.firstResponseAt,
      resolvedAt: tickets.resolvedAt,
    })
    .from(tickets)
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .where(where)
    .orderBy(asc(tickets.createdAt), asc(tickets.number))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => {
      const sla = SLA_HOURS[r.priority];
      const firstResponseDueAt = addSeconds(r.createdAt, sla.firstResponse * 3600);
      const resolutionDueAt = addSeconds(r.createdAt, sla.resolution * 3600);
      const open = !CLOSED.includes(r.status);
      return {
        ...r,
        reference: ticketReference(r.number),
        firstResponseDueAt,
        resolutionDueAt,
        breaching: open && ((!r.firstResponseAt && firstResponseDueAt <= at) || resolutionDueAt <= at),
      };
    }),
    next: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.number) : null,
  };
}

/**
 * Claim a ticket (the agent takes it; a new ticket becomes open) or assign it to another agent.
 * Claiming a ticket someone else holds is refused; assigning moves it. Audited.
 */
export async function assignTicket(session: SessionContext, input: { reference: string; to: string | null }, request: RequestInfo): Promise<{ assignee: string }> {
  const db = await getDb();
  const at = now();
  const number = parseTicketReference(input.reference);
  const [ticket] = number === null ? [] : await db.select().from(tickets).where(eq(tickets.number, number));
  if (!ticket) throw new AppError("NOT_FOUND");
  const claiming = input.to === null;
  const [agent] = claiming
    ? [{ id: session.person.id, username: session.person.username, role: session.person.role }]
    : await db.select({ id: people.id, username: people.username, role: people.role }).from(people).where(eq(people.username, input.to!));
  if (!agent || !isStaff(agent.role)) throw new AppError("NOT_FOUND");
  if (claiming && ticket.assigneeId && ticket.assigneeId !== session.person.id) throw new AppError("TICKET_ALREADY_CLAIMED");
  await db.transaction(async (tx) => {
    const [moved] = await tx
      .update(tickets)
      .set({ assigneeId: agent.id, status: ticket.status === "new" ? "open" : ticket.status, updatedAt: at })
      .where(and(eq(tickets.id, ticket.id), claiming ? or(isNull(tickets.assigneeId), eq(tickets.assigneeId, session.person.id)) : undefined))
      .returning({ id: tickets.id });
    if (!moved) throw new AppError("TICKET_ALREADY_CLAIMED");
    await recordAudit(tx, {
      action: "ticket.assigned",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: ticket.personId,
      ticketId: ticket.id,
      clientIp: request.ip,
      detail: { from: ticket.assigneeId, to: agent.id, claimed: claiming },
    });
  });
  return { assignee: agent.username };
}

/** One status for many tickets at once (each audited and notified like a single change). */
export async function bulkStatus(session: SessionContext, input: { references: string[]; status: TicketStatus }, request: RequestInfo): Promise<{ changed: number }> {
  const db = await getDb();
  const numbers = input.references.map(parseTicketReference).filter((n): n is number => n !== null);
  const found = numbers.length ? await db.select({ number: tickets.number }).from(tickets).where(inArray(tickets.number, numbers)) : [];
  for (const { number } of found) await changeTicketStatus(session, { reference: ticketReference(number), status: input.status }, request);
  return { changed: found.length };
}
