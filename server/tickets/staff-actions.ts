import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ticketMessages, tickets } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { now } from "../clock";
import { AppError } from "../errors";
import type { RequestInfo } from "../http/request-info";
import { notifyRequester } from "./read-tickets";
import { redactSecrets } from "./redact";
import { parseTicketReference } from "./tickets.schemas";
import type { TicketStatus } from "./ticket-values";

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
      .set({ status: input.status, updatedAt: at, resolvedAt: input.status === "resolved" || input.status === "closed" ? (row.resolvedAt ?? at) : null })
      .where(eq(tickets.id, row.id));
    await notifyRequester(tx, row, "ticket_status_changed", input.status);
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
