import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { callerVerifications, mfaMethods, people, phoneNumbers, tickets } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { addSeconds, now } from "../core/clock";
import { enqueueMessage } from "../delivery/enqueue";
import { deliverNow } from "../delivery/worker";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { parseTicketReference, ticketReference } from "../tickets/tickets.schemas";
import { attachMessage, checkOneTimeCode, issueOneTimeCode, ttlMinutes } from "../verification/methods/phone/one-time-codes";
import { maskPhone, phoneUsableFor } from "../verification/methods/phone/phone-number";
import { reserveSend } from "../verification/methods/phone/send-limits";
import { normalizeCode } from "../verification/verify-second-factor";

/** PRODUCT.md: a purpose-bound code, a verification valid at most 10 minutes, for one reset. */
export const CALLER_VERIFICATION = { codeTtlSeconds: 10 * 60, validSeconds: 10 * 60, maxFailures: 5 } as const;

type Ticket = typeof tickets.$inferSelect;

/** The ticket an agent acts on, and the account it is about (which the action needs). */
export async function ticketForAction(db: Executor, reference: string): Promise<Ticket & { personId: string }> {
  const number = parseTicketReference(reference);
  const [ticket] = number === null ? [] : await db.select().from(tickets).where(eq(tickets.number, number));
  if (!ticket) throw new AppError("NOT_FOUND");
  if (!ticket.personId) throw new AppError("HELPDESK_NO_ACCOUNT");
  return ticket as Ticket & { personId: string };
}

/**
 * Where a helpdesk code can go: the person's own verified, not suspended mobile numbers that take
 * texts. Never an address the caller gives on the phone, and never "read me your authenticator code".
 */
export async function verificationTargets(db: Executor, personId: string): Promise<Array<{ methodId: string; display: string }>> {
  const rows = await db
    .select({ methodId: mfaMethods.id, e164: phoneNumbers.e164 })
    .from(mfaMethods)
    .innerJoin(phoneNumbers, eq(phoneNumbers.methodId, mfaMethods.id))
    .where(
      and(
        eq(mfaMethods.personId, personId),
        sql`${mfaMethods.confirmedAt} is not null`,
        isNull(mfaMethods.removedAt),
        eq(phoneNumbers.role, "mobile"),
        sql`${phoneNumbers.verifiedAt} is not null`,
        isNull(phoneNumbers.suspendedAt),
      ),
    );
  return rows.filter((r) => phoneUsableFor(r.e164, "text")).map((r) => ({ methodId: r.methodId, display: maskPhone(r.e164) }));
}

/**
 * Sends the person a code that says the helpdesk is verifying them for this ticket. The code is
 * bound to this verification (purpose helpdesk_verification): it can never sign anyone in.
 */
export async function startCallerVerification(
  session: SessionContext,
  input: { reference: string; methodId: string },
  request: RequestInfo,
): Promise<{ verificationId: string; display: string; expiresInSeconds: number }> {
  const db = await getDb();
  const at = now();
  const ticket = await ticketForAction(db, input.reference);
  if (ticket.personId === session.person.id) throw new AppError("HELPDESK_SELF_NOT_ALLOWED");
  const target = (await verificationTargets(db, ticket.personId)).find((t) => t.methodId === input.methodId);
  if (!target) throw new AppError("HELPDESK_NO_METHOD");
  const [phone] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.methodId, target.methodId));
  const limited = await reserveSend(db, { purpose: "helpdesk", use: "text", personId: ticket.personId, e164: phone!.e164, country: phone!.country, at });
  if (limited) throw new AppError("MFA_THROTTLED", { params: { seconds: limited.retryAfterSeconds }, retryAfterSeconds: limited.retryAfterSeconds });
  const [person] = await db.select({ locale: people.locale }).from(people).where(eq(people.id, ticket.personId));
  const reference = ticketReference(ticket.number);

  const { verificationId, messageId } = await db.transaction(async (tx) => {
    const [verification] = await tx
      .insert(callerVerifications)
      .values({ ticketId: ticket.id, personId: ticket.personId, agentId: session.person.id, methodId: target.methodId, channel: "sms", createdAt: at })
      .returning({ id: callerVerifications.id });
    const issued = await issueOneTimeCode(tx, {
      personId: ticket.personId,
      methodId: target.methodId,
      purpose: "helpdesk_verification",
      channel: "sms",
      ownerId: verification!.id,
      at,
      ttlSeconds: CALLER_VERIFICATION.codeTtlSeconds,
    });
    const messageId = await enqueueMessage(tx, {
      channel: "sms",
      recipient: phone!.e164,
      personId: ticket.personId,
      locale: person!.locale,
      template: "helpdesk_verification_code",
      params: { reference, code: issued.code, minutes: ttlMinutes(CALLER_VERIFICATION.codeTtlSeconds) },
      maxAttempts: 1,
    });
    await attachMessage(tx, issued.id, messageId);
    await recordAudit(tx, {
      action: "helpdesk.verification_sent",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: ticket.personId,
      ticketId: ticket.id,
      clientIp: request.ip,
      detail: { verificationId: verification!.id, channel: "sms", to: target.display },
    });
    return { verificationId: verification!.id, messageId };
  });
  if ((await deliverNow(messageId)) === "dead") throw new AppError("DELIVERY_FAILED");
  return { verificationId, display: target.display, expiresInSeconds: CALLER_VERIFICATION.codeTtlSeconds };
}

/**
 * The agent types the code the caller reads back. Right: the verification is valid 10 minutes for
 * one reset by this agent, on this person and ticket. Wrong: counted; after 5, start again.
 */
export async function confirmCallerVerification(session: SessionContext, input: { verificationId: string; code: string }, request: RequestInfo): Promise<{ validUntil: Date }> {
  const db = await getDb();
  const at = now();
  const [verification] = await db
    .select()
    .from(callerVerifications)
    .where(and(eq(callerVerifications.id, input.verificationId), eq(callerVerifications.agentId, session.person.id)));
  if (!verification) throw new AppError("NOT_FOUND");
  if (verification.verifiedAt) throw new AppError("HELPDESK_VERIFICATION_REQUIRED");
  // Counted before the code is checked, and decided on the returned count: concurrent guesses get at most 5 checks.
  const [tried] = await db
    .update(callerVerifications)
    .set({ failures: sql`${callerVerifications.failures} + 1` })
    .where(and(eq(callerVerifications.id, verification.id), lt(callerVerifications.failures, CALLER_VERIFICATION.maxFailures), isNull(callerVerifications.verifiedAt)))
    .returning({ failures: callerVerifications.failures });
  if (!tried) throw new AppError("HELPDESK_CODE_WRONG", { params: { triesLeft: 0 } });
  const check = await checkOneTimeCode(db, { ownerId: verification.id, purpose: "helpdesk_verification", code: normalizeCode(input.code), at });
  const audit = (outcome: "success" | "failure", reason: string | null) =>
    recordAudit(db, {
      action: "helpdesk.caller_verified",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: verification.personId,
      ticketId: verification.ticketId,
      clientIp: request.ip,
      outcome,
      reason,
      detail: { verificationId: verification.id },
    });
  // A code of the wrong form (wrong length, letters) is a typing slip: refused, never counted.
  if (check.kind === "malformed") throw new AppError("MFA_CODE_MALFORMED");
  if (check.kind !== "match") {
    await audit("failure", check.kind);
    if (check.kind === "expired") throw new AppError("HELPDESK_CODE_EXPIRED");
    throw new AppError("HELPDESK_CODE_WRONG", { params: { triesLeft: Math.max(0, CALLER_VERIFICATION.maxFailures - tried.failures) } });
  }
  const validUntil = addSeconds(at, CALLER_VERIFICATION.validSeconds);
  // The right code was no failure: its try is given back.
  await db
    .update(callerVerifications)
    .set({ verifiedAt: at, expiresAt: validUntil, failures: sql`greatest(${callerVerifications.failures} - 1, 0)` })
    .where(eq(callerVerifications.id, verification.id));
  await audit("success", null);
  return { validUntil };
}

export type VerificationRefusal = "missing" | "not_verified" | "expired" | "reused" | "other_agent" | "other_person" | "other_ticket";

/**
 * Uses up a verification for one reset, in the reset's transaction: it must exist, be verified,
 * not expired, not used, and belong to this agent, person and ticket. Returns why not, or null.
 */
export async function consumeVerification(
  tx: Executor,
  input: { verificationId: string | undefined; agentId: string; personId: string; ticketId: string; action: string; at: Date },
): Promise<VerificationRefusal | null> {
  if (!input.verificationId) return "missing";
  const [row] = await tx.select().from(callerVerifications).where(eq(callerVerifications.id, input.verificationId));
  if (!row) return "missing";
  if (row.agentId !== input.agentId) return "other_agent";
  if (row.personId !== input.personId) return "other_person";
  if (row.ticketId !== input.ticketId) return "other_ticket";
  if (!row.verifiedAt || !row.expiresAt) return "not_verified";
  if (row.usedAt) return "reused";
  if (row.expiresAt.getTime() <= input.at.getTime()) return "expired";
  const [used] = await tx
    .update(callerVerifications)
    .set({ usedAt: input.at, usedFor: input.action })
    .where(and(eq(callerVerifications.id, row.id), isNull(callerVerifications.usedAt), gt(callerVerifications.expiresAt, input.at)))
    .returning({ id: callerVerifications.id });
  return used ? null : "reused";
}
