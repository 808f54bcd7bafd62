import { and, eq, gt, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { callerVerifications, mfaMethods, people, phoneNumbers, tickets } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { addSeconds, now } from "../core/clock";
import { deliverNow } from "../delivery/worker";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { parseTicketReference, ticketReference } from "../tickets/tickets.schemas";
import type { CallerChannel, MethodDescription, MethodRow } from "../verification/methods/method";
import { callerVerificationChannels, describeMethod, methodFor } from "../verification/methods/registry";
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

export interface VerificationTarget {
  methodId: string;
  /** How the agent names it (<MethodLabel>): the label key and the masked detail, never the number. */
  labelKey: MethodDescription["labelKey"];
  detail: string | null;
  /** The masked detail, as the messages name it ("+31 •• ••• ••42"). */
  display: string;
  /** The ways a code can go to it now, in the module's order. */
  channels: CallerChannel[];
}

async function liveMethods(db: Executor, personId: string): Promise<MethodRow[]> {
  return db
    .select({ method: mfaMethods, phone: phoneNumbers })
    .from(mfaMethods)
    .leftJoin(phoneNumbers, eq(phoneNumbers.methodId, mfaMethods.id))
    .where(and(eq(mfaMethods.personId, personId), isNotNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)));
}

/**
 * Where a helpdesk code can go: every registered method whose module can verify a caller
 * (capabilities.callerVerification; today a verified, not suspended phone: a text to a mobile, a
 * call that reads the code out to any phone, an office phone too), on the channels it offers for
 * it. Never an address the caller gives on the phone, and never "read me your authenticator code".
 */
export async function verificationTargets(db: Executor, personId: string): Promise<VerificationTarget[]> {
  const targets: VerificationTarget[] = [];
  for (const row of await liveMethods(db, personId)) {
    const channels = callerVerificationChannels(row);
    if (channels.length === 0) continue;
    const { labelKey, detail } = describeMethod(row);
    targets.push({ methodId: row.method.id, labelKey, detail, display: detail ?? "", channels });
  }
  return targets;
}

/**
 * Sends the person a code that says the helpdesk is verifying them for this ticket, by the method's
 * own module on the channel chosen (its first by default): a text, or a call that reads it out. The code is bound to this verification
 * (purpose helpdesk_verification): it can never sign anyone in. The agent names the method only by
 * its ID; the number never leaves the server.
 */
export async function startCallerVerification(
  session: SessionContext,
  input: { reference: string; methodId: string; channel?: CallerChannel },
  request: RequestInfo,
): Promise<{ verificationId: string; display: string; channel: CallerChannel; expiresInSeconds: number }> {
  const db = await getDb();
  const at = now();
  const ticket = await ticketForAction(db, input.reference);
  if (ticket.personId === session.person.id) throw new AppError("HELPDESK_SELF_NOT_ALLOWED");
  const row = (await liveMethods(db, ticket.personId)).find((r) => r.method.id === input.methodId);
  const channels = row ? callerVerificationChannels(row) : [];
  const channel = input.channel ?? channels[0];
  const part = row ? methodFor(row.method.kind).callerVerification : undefined;
  if (!row || !part || !channel || !channels.includes(channel)) throw new AppError("HELPDESK_NO_METHOD");
  const display = describeMethod(row).detail ?? "";
  const [person] = await db.select({ locale: people.locale }).from(people).where(eq(people.id, ticket.personId));
  const reference = ticketReference(ticket.number);

  const { verificationId, messageId } = await db.transaction(async (tx) => {
    const [verification] = await tx
      .insert(callerVerifications)
      .values({ ticketId: ticket.id, personId: ticket.personId, agentId: session.person.id, methodId: row.method.id, channel, createdAt: at })
      .returning({ id: callerVerifications.id });
    const { messageId } = await part.send(tx, {
      row,
      channel,
      verificationId: verification!.id,
      reference,
      locale: person!.locale,
      at,
      ttlSeconds: CALLER_VERIFICATION.codeTtlSeconds,
    });
    await recordAudit(tx, {
      action: "helpdesk.verification_sent",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: ticket.personId,
      ticketId: ticket.id,
      clientIp: request.ip,
      detail: { verificationId: verification!.id, channel, to: display },
    });
    return { verificationId: verification!.id, messageId };
  });
  if ((await deliverNow(messageId)) === "dead") throw new AppError("DELIVERY_FAILED");
  return { verificationId, display, channel, expiresInSeconds: CALLER_VERIFICATION.codeTtlSeconds };
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
  const [method] = await db.select({ kind: mfaMethods.kind }).from(mfaMethods).where(eq(mfaMethods.id, verification.methodId));
  const part = method ? methodFor(method.kind).callerVerification : undefined;
  if (!part) throw new AppError("HELPDESK_VERIFICATION_REQUIRED");
  const check = { kind: await part.check(db, { verificationId: verification.id, code: normalizeCode(input.code), at }) };
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
