import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { people, resetApprovals, tickets, type IdentityCheck, type Role } from "@/db/schema";
import { getEnv } from "../core/env";
import { enqueueMessage } from "../delivery/enqueue";
import { ticketReference } from "../tickets/tickets.schemas";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { isStaff } from "../auth/session-rules";
import { addSeconds, now } from "../core/clock";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { assertFreshFactor } from "../methods/fresh-factor";
import { approvalFacts, factsDigest, ticketFacts, type ApprovalFacts } from "./approval-facts";
import { ticketForAction, verificationTargets } from "./caller-verification";
import type { ResetActionValue } from "./helpdesk.schemas";
import { identityCheckRefusal } from "./identity-checks";

/** PRODUCT.md: approvals expire after 30 minutes. */
export const APPROVAL_TTL_SECONDS = 30 * 60;
const RANK: Record<Role, number> = { person: 0, agent: 1, admin: 2 };

/**
 * One agent asks a second to approve an action on the person behind a ticket. Without a usable
 * method the request records the identity check and why: in person with an ID document, or the
 * person's manager on record confirming with their own second factor (the manager is emailed a
 * link; the manager cannot be the requesting agent). An identity check is refused while the
 * person has a verification target, unless the agent records that the phone is lost or
 * compromised, and then only in person (identityCheckRefusal). For staff and administrators it is
 * the four-eyes rule. Audited.
 */
export async function requestApproval(
  session: SessionContext,
  input: { reference: string; action: ResetActionValue; identityCheck?: IdentityCheck; phoneLost?: boolean; reason: string },
  request: RequestInfo,
): Promise<{ approvalId: string; expiresAt: Date }> {
  const at = now();
  assertFreshFactor(session, at);
  const db = await getDb();
  const ticket = await ticketForAction(db, input.reference);
  if (ticket.personId === session.person.id) throw new AppError("HELPDESK_SELF_NOT_ALLOWED");
  const [target] = await db.select().from(people).where(eq(people.id, ticket.personId));
  const kind = isStaff(target!.role) && !input.identityCheck ? "privileged" : "identity_check";
  if (kind === "identity_check" && !input.identityCheck) throw new AppError("INPUT_INVALID");
  const phoneLost = input.phoneLost === true;
  if (input.identityCheck) {
    const refusal = identityCheckRefusal({ identityCheck: input.identityCheck, phoneLost, verificationTargets: (await verificationTargets(db, ticket.personId)).length });
    if (refusal) {
      await recordAudit(db, {
        action: "helpdesk.approval_requested",
        actorKind: "staff",
        actorPersonId: session.person.id,
        targetPersonId: ticket.personId,
        ticketId: ticket.id,
        clientIp: request.ip,
        outcome: "failure",
        reason: refusal,
        detail: { action: input.action, identityCheck: input.identityCheck, phoneLost },
      });
      throw new AppError(refusal);
    }
  }
  const [manager] = input.identityCheck === "manager_confirmed" && target!.managerId ? await db.select().from(people).where(eq(people.id, target!.managerId)) : [];
  if (input.identityCheck === "manager_confirmed") {
    if (!manager || manager.disabledAt || !manager.email) throw new AppError("HELPDESK_NO_MANAGER");
    if (manager.id === session.person.id) throw new AppError("HELPDESK_MANAGER_CONFLICT");
  }
  const expiresAt = addSeconds(at, APPROVAL_TTL_SECONDS);
  const approvalId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(resetApprovals)
      .values({
        ticketId: ticket.id,
        personId: ticket.personId,
        requestedBy: session.person.id,
        action: input.action,
        kind,
        identityCheck: input.identityCheck ?? null,
        phoneLost,
        managerId: manager?.id ?? null,
        reason: input.reason,
        createdAt: at,
        expiresAt,
      })
      .returning({ id: resetApprovals.id });
    await recordAudit(tx, {
      action: "helpdesk.approval_requested",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: ticket.personId,
      ticketId: ticket.id,
      clientIp: request.ip,
      reason: input.reason,
      detail: { approvalId: row!.id, action: input.action, kind, identityCheck: input.identityCheck ?? null, phoneLost, managerId: manager?.id ?? null },
    });
    if (manager) {
      await enqueueMessage(tx, {
        channel: "email",
        recipient: manager.email!,
        personId: manager.id,
        locale: manager.locale,
        template: "manager_confirmation_requested",
        params: {
          name: target!.displayName,
          username: target!.username,
          agent: session.person.displayName,
          reference: input.reference,
          link: new URL(`/${manager.locale}/confirm-identity/${row!.id}`, getEnv().publicUrl).toString(),
        },
      });
    }
    return row!.id;
  });
  return { approvalId, expiresAt };
}

/** The facts of one approval as they are now, and their digest. */
async function factsNow(db: Executor, approval: typeof resetApprovals.$inferSelect, at: Date): Promise<{ facts: ApprovalFacts; factsDigest: string }> {
  const facts = approvalFacts(await ticketFacts(db, { ticketId: approval.ticketId, personId: approval.personId, at }), approval);
  return { facts, factsDigest: factsDigest(approval.id, facts) };
}

/**
 * The second agent approves, with their own fresh second factor, having been shown the facts
 * beside the reason: the call carries the facts' digest, refused (HELPDESK_FACTS_NOT_SHOWN) unless
 * it matches the facts as they are now. Refused for the requester themselves, for the person the
 * action is about, and for an approver whose role is below the person's (an agent cannot approve
 * resetting an administrator).
 */
export async function approve(session: SessionContext, input: { approvalId: string; factsDigest?: string }, request: RequestInfo): Promise<{ approvedAt: Date }> {
  const at = now();
  assertFreshFactor(session, at);
  const db = await getDb();
  const [approval] = await db.select().from(resetApprovals).where(eq(resetApprovals.id, input.approvalId));
  if (!approval) throw new AppError("NOT_FOUND");
  const [target] = await db.select({ role: people.role }).from(people).where(eq(people.id, approval.personId));
  const shown = input.factsDigest !== undefined && input.factsDigest === (await factsNow(db, approval, at)).factsDigest;
  const refusal =
    approval.requestedBy === session.person.id
      ? ("HELPDESK_SELF_APPROVAL" as const)
      : approval.personId === session.person.id
        ? ("HELPDESK_SELF_NOT_ALLOWED" as const)
        : RANK[session.person.role] < RANK[target!.role]
          ? ("HELPDESK_APPROVER_ROLE_TOO_LOW" as const)
          : approval.approvedAt || approval.expiresAt <= at
            ? ("HELPDESK_APPROVAL_REQUIRED" as const)
            : approval.managerId === session.person.id
              ? ("HELPDESK_MANAGER_CONFLICT" as const)
              : approval.identityCheck === "manager_confirmed" && approval.managerDecision !== "confirmed"
                ? ("HELPDESK_MANAGER_NOT_CONFIRMED" as const)
                : !shown
                  ? ("HELPDESK_FACTS_NOT_SHOWN" as const)
                  : null;
  const audit = (outcome: "success" | "failure", reason: string | null) =>
    recordAudit(db, {
      action: "helpdesk.approval_granted",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: approval.personId,
      ticketId: approval.ticketId,
      clientIp: request.ip,
      outcome,
      reason,
      detail: { approvalId: approval.id, action: approval.action, requestedBy: approval.requestedBy, factsDigest: input.factsDigest ?? null },
    });
  if (refusal) {
    await audit("failure", refusal);
    throw new AppError(refusal);
  }
  const [done] = await db
    .update(resetApprovals)
    .set({ approvedBy: session.person.id, approvedAt: at })
    .where(
      and(
        eq(resetApprovals.id, approval.id),
        isNull(resetApprovals.approvedAt),
        gt(resetApprovals.expiresAt, at),
        approval.identityCheck === "manager_confirmed" ? eq(resetApprovals.managerDecision, "confirmed") : undefined,
      ),
    )
    .returning({ id: resetApprovals.id });
  if (!done) throw new AppError("HELPDESK_APPROVAL_REQUIRED");
  await audit("success", null);
  return { approvedAt: at };
}

/** The approvals asked for on a ticket, newest first (for the ticket page), each with its facts and their digest. */
/** The ticket page's approvals panel (see approvalsForTicket). */
export async function approvalsOnTicket(ticketId: string, at: Date = now()) {
  return approvalsForTicket(await getDb(), ticketId, at);
}

export async function approvalsForTicket(db: Executor, ticketId: string, at: Date = now()) {
  const rows = await db
    .select({ approval: resetApprovals, requester: people.username })
    .from(resetApprovals)
    .innerJoin(people, eq(people.id, resetApprovals.requestedBy))
    .where(eq(resetApprovals.ticketId, ticketId))
    .orderBy(desc(resetApprovals.createdAt))
    .limit(20);
  const shared = rows[0] ? await ticketFacts(db, { ticketId, personId: rows[0].approval.personId, at }) : null;
  return rows.map(({ approval, requester }) => {
    const facts = approvalFacts(shared!, approval);
    return { ...approval, requesterUsername: requester, facts, factsDigest: factsDigest(approval.id, facts) };
  });
}

/** One approval for an agent (the approvals panel, and tests): the request, its facts and their digest. */
export async function approvalForAgent(approvalId: string) {
  const db = await getDb();
  const at = now();
  const [approval] = await db.select().from(resetApprovals).where(eq(resetApprovals.id, approvalId));
  if (!approval) throw new AppError("NOT_FOUND");
  const [ticket] = await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, approval.ticketId));
  return {
    approvalId: approval.id,
    reference: ticketReference(ticket!.number),
    action: approval.action,
    kind: approval.kind,
    identityCheck: approval.identityCheck,
    phoneLost: approval.phoneLost,
    managerDecision: approval.managerDecision,
    reason: approval.reason,
    approved: approval.approvedAt !== null,
    used: approval.usedAt !== null,
    expiresAt: approval.expiresAt,
    ...(await factsNow(db, approval, at)),
  };
}

/**
 * Uses up an approval in the action's transaction: approved, not expired, not used, asked for by
 * this agent, for this person, ticket and action. Returns what it approved, or null when it does not hold.
 */
export async function consumeApproval(
  tx: Executor,
  input: { approvalId: string; requesterId: string; personId: string; ticketId: string; action: string; at: Date },
): Promise<{ kind: "identity_check" | "privileged"; identityCheck: IdentityCheck | null; phoneLost: boolean } | null> {
  const [used] = await tx
    .update(resetApprovals)
    .set({ usedAt: input.at })
    .where(
      and(
        eq(resetApprovals.id, input.approvalId),
        eq(resetApprovals.requestedBy, input.requesterId),
        eq(resetApprovals.personId, input.personId),
        eq(resetApprovals.ticketId, input.ticketId),
        eq(resetApprovals.action, input.action),
        isNotNull(resetApprovals.approvedAt),
        isNull(resetApprovals.usedAt),
        gt(resetApprovals.expiresAt, input.at),
      ),
    )
    .returning({ kind: resetApprovals.kind, identityCheck: resetApprovals.identityCheck, phoneLost: resetApprovals.phoneLost });
  return used ?? null;
}

/**
 * What the manager on record sees when they open the link from their email: who asks, about
 * whom, for which ticket and why, and whether it is still open (not answered, approved or
 * expired). Anyone else gets NOT_FOUND: the link tells a stranger nothing.
 */
export async function managerRequest(session: SessionContext, approvalId: string) {
  const db = await getDb();
  const at = now();
  const [row] = await db
    .select({ approval: resetApprovals, ticketNumber: tickets.number })
    .from(resetApprovals)
    .innerJoin(tickets, eq(tickets.id, resetApprovals.ticketId))
    .where(and(eq(resetApprovals.id, approvalId), eq(resetApprovals.managerId, session.person.id)));
  if (row?.approval.identityCheck !== "manager_confirmed") throw new AppError("NOT_FOUND");
  const [person] = await db.select({ displayName: people.displayName, username: people.username }).from(people).where(eq(people.id, row.approval.personId));
  const [agent] = await db.select({ displayName: people.displayName }).from(people).where(eq(people.id, row.approval.requestedBy));
  return {
    approvalId,
    reference: ticketReference(row.ticketNumber),
    personName: person!.displayName,
    personUsername: person!.username,
    agentName: agent!.displayName,
    reason: row.approval.reason,
    decision: row.approval.managerDecision,
    open: row.approval.managerDecision === null && row.approval.expiresAt > at && row.approval.approvedAt === null,
    expiresAt: row.approval.expiresAt,
  };
}

/**
 * The manager answers with their own fresh second factor: confirmed (the second agent may then
 * approve) or declined (the request can no longer be approved). Once only, before it expires.
 * Audited as the manager's own action.
 */
export async function managerDecide(
  session: SessionContext,
  input: { approvalId: string; decision: "confirmed" | "declined" },
  request: RequestInfo,
): Promise<{ decision: "confirmed" | "declined" }> {
  const at = now();
  const view = await managerRequest(session, input.approvalId);
  if (!view.open) throw new AppError("NOT_FOUND");
  assertFreshFactor(session, at);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [done] = await tx
      .update(resetApprovals)
      .set({ managerDecision: input.decision, managerDecidedAt: at })
      .where(
        and(
          eq(resetApprovals.id, input.approvalId),
          eq(resetApprovals.managerId, session.person.id),
          isNull(resetApprovals.managerDecision),
          isNull(resetApprovals.approvedAt),
          gt(resetApprovals.expiresAt, at),
        ),
      )
      .returning({ ticketId: resetApprovals.ticketId, personId: resetApprovals.personId });
    if (!done) throw new AppError("NOT_FOUND");
    await recordAudit(tx, {
      action: input.decision === "confirmed" ? "helpdesk.manager_confirmed" : "helpdesk.manager_declined",
      actorKind: "person",
      actorPersonId: session.person.id,
      targetPersonId: done.personId,
      ticketId: done.ticketId,
      clientIp: request.ip,
      detail: { approvalId: input.approvalId },
    });
  });
  return { decision: input.decision };
}
