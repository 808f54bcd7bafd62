import { and, asc, desc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { ticketMessages, tickets } from "@/db/schema";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { keyedHash } from "../crypto/keyed-hash";
import { enqueueMessage } from "../delivery/enqueue";
import { translate } from "../i18n/translate";
import { AppError } from "../core/errors";
import { redactSecrets } from "./redact";
import { linkForNotice, statusLinkState } from "./status-links";
import { replyWithheldFromContact, requesterStanding } from "./requester-standing";
import { STATUS_TOKEN_DOMAIN } from "./submit-ticket";
import { parseTicketReference, ticketReference } from "./tickets.schemas";
import type { TicketCategory, TicketPriority, TicketStatus } from "./ticket-values";

type TicketRow = typeof tickets.$inferSelect;

export interface TicketMessageView {
  author: "requester" | "staff" | "system";
  /** Empty when withheld. */
  body: string;
  /** A staff reply whose text went to the address on file only (see requester-standing.ts). */
  withheld: boolean;
  at: Date;
}

/** What the requester sees of their ticket: never internal notes, the diagnosis or addresses. */
export interface RequesterTicketView {
  reference: string;
  subject: string;
  description: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  createdAt: Date;
  updatedAt: Date;
  errorCode: string | null;
  correlationId: string | null;
  displaySessionId: string | null;
  occurredAtText: string | null;
  redactions: string[];
  messages: TicketMessageView[];
}

async function publicMessages(db: Executor, row: TicketRow): Promise<TicketMessageView[]> {
  const rows = await db
    .select()
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, row.id), eq(ticketMessages.visibility, "public")))
    .orderBy(asc(ticketMessages.createdAt));
  const withheld = replyWithheldFromContact((await requesterStanding(db, row)).standing);
  return rows.map((m) => {
    const hide = withheld && m.author === "staff";
    return { author: m.author, body: hide ? "" : m.body, withheld: hide, at: m.createdAt };
  });
}

async function requesterView(db: Executor, row: TicketRow): Promise<RequesterTicketView> {
  return {
    reference: ticketReference(row.number),
    subject: row.subject,
    description: row.description,
    category: row.category,
    priority: row.priority,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    errorCode: row.errorCode,
    correlationId: row.correlationId,
    displaySessionId: row.displaySessionId,
    occurredAtText: row.occurredAtText,
    redactions: row.redactions,
    messages: await publicMessages(db, row),
  };
}

/** The tickets the signed-in person filed while signed in, newest first. */
export async function listMyTickets(session: SessionContext) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.personId, session.person.id), eq(tickets.submittedBy, "person")))
    .orderBy(desc(tickets.createdAt))
    .limit(100);
  return rows.map((r) => ({ reference: ticketReference(r.number), subject: r.subject, status: r.status, category: r.category, createdAt: r.createdAt, updatedAt: r.updatedAt }));
}

async function mine(db: Executor, session: SessionContext, reference: string): Promise<TicketRow> {
  const number = parseTicketReference(reference);
  const [row] = number === null ? [] : await db.select().from(tickets).where(eq(tickets.number, number));
  // Someone else's ticket and a ticket that does not exist look the same.
  if (!row || row.personId !== session.person.id || row.submittedBy !== "person") throw new AppError("NOT_FOUND");
  return row;
}

/** The ticket behind a status link; a revoked or expired link is refused exactly like an unknown one. */
async function byStatusToken(db: Executor, token: string): Promise<TicketRow> {
  const [row] = await db
    .select()
    .from(tickets)
    .where(eq(tickets.statusTokenHash, keyedHash(STATUS_TOKEN_DOMAIN, token)));
  if (!row || statusLinkState(row, now()).state !== "active") throw new AppError("NOT_FOUND");
  return row;
}

export async function myTicket(session: SessionContext, reference: string): Promise<RequesterTicketView> {
  const db = await getDb();
  return requesterView(db, await mine(db, session, reference));
}

/** The private status link: the ticket as its requester sees it, for whoever holds the link. */
export async function ticketByStatusLink(token: string): Promise<RequesterTicketView> {
  const db = await getDb();
  return requesterView(db, await byStatusToken(db, token));
}

/**
 * A reply from the requester (signed in, or through the status link). Redacted like the ticket;
 * a ticket waiting on the person goes back to open; a closed ticket takes no replies.
 */
async function addRequesterReply(db: Executor, row: TicketRow, body: string, authorPersonId: string | null): Promise<{ redacted: string[] }> {
  if (row.status === "closed") throw new AppError("TICKET_CLOSED");
  const clean = redactSecrets(body);
  const at = now();
  await db.transaction(async (tx) => {
    await tx
      .insert(ticketMessages)
      .values({ ticketId: row.id, author: "requester", authorPersonId, visibility: "public", body: clean.text, redactions: clean.redacted, createdAt: at });
    const status: TicketStatus = row.status === "waiting_on_person" || row.status === "resolved" ? "open" : row.status;
    await tx.update(tickets).set({ status, updatedAt: at }).where(eq(tickets.id, row.id));
  });
  return { redacted: clean.redacted };
}

export async function replyToMyTicket(session: SessionContext, reference: string, body: string) {
  const db = await getDb();
  return addRequesterReply(db, await mine(db, session, reference), body, session.person.id);
}

export async function replyByStatusLink(token: string, body: string) {
  const db = await getDb();
  return addRequesterReply(db, await byStatusToken(db, token), body, null);
}

/** The helpdesk's view of a ticket: everything people and staff wrote, with the attached diagnosis and wizard answers. */
export async function ticketForHelpdesk(reference: string) {
  const db = await getDb();
  const number = parseTicketReference(reference);
  const [row] = number === null ? [] : await db.select().from(tickets).where(eq(tickets.number, number));
  if (!row) throw new AppError("NOT_FOUND");
  const messages = await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, row.id)).orderBy(asc(ticketMessages.createdAt));
  // Internal bookkeeping stays on the server: the search words, the status link's hash, the idempotency record.
  const { searchWords: _words, statusTokenHash: _token, requestHash: _request, idempotencyKey: _key, ...ticket } = row;
  const { standing } = await requesterStanding(db, row);
  return { ...ticket, reference: ticketReference(row.number), standing, messages, statusLink: statusLinkState(row, now()) };
}

/** Tells the requester about a staff reply or a status change (to the contact address), in their language. */
export async function notifyRequester(
  db: Executor,
  row: TicketRow,
  template: "ticket_reply" | "ticket_reply_withheld" | "ticket_status_changed" | "ticket_merged",
  extra: { status?: TicketStatus; into?: string } = {},
) {
  if (!row.contactEmail) return;
  await enqueueMessage(db, {
    channel: "email",
    recipient: row.contactEmail,
    personId: row.personId,
    locale: row.locale,
    template,
    params: {
      reference: ticketReference(row.number),
      // A revoked or expired link is replaced here: the requester gets a working one with every notice.
      link: await linkForNotice(db, row, now()),
      status: translate(row.locale, `tickets.statuses.${extra.status ?? row.status}`),
      into: extra.into ?? "",
    },
  });
}
