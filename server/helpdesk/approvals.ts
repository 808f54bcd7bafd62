import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { people, resetApprovals, type Role } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { isStaff } from "../auth/session-rules";
import { addSeconds, now } from "../clock";
import { AppError } from "../errors";
import type { RequestInfo } from "../http/request-info";
import { assertFreshFactor } from "../methods/fresh-factor";
import { ticketForAction } from "./caller-verification";
import type { ResetActionValue } from "./helpdesk.schemas";

/** PRODUCT.md: approvals expire after 30 minutes. */
export const APPROVAL_TTL_SECONDS = 30 * 60;
const RANK: Record<Role, number> = { person: 0, agent: 1, admin: 2 };

/**
 * One agent asks a second to approve an action on the person behind a ticket. Without a usable
 * method the request records the identity check (in person, with ID) and why; for staff and
 * administrators it is the four-eyes rule. Audited.
 */
export async function requestApproval(
  session: SessionContext,
  input: { reference: string; action: ResetActionValue; identityCheck?: "in_person_id"; reason: string },
  request: RequestInfo,
): Promise<{ approvalId: string; expiresAt: Date }> {
  const at = now();
  assertFreshFactor(session, at);
  const db = await getDb();
  const ticket = await ticketForAction(db, input.reference);
  if (ticket.personId === session.person.id) throw new AppError("HELPDESK_SELF_NOT_ALLOWED");
  const [target] = await db.select({ role: people.role }).from(people).where(eq(people.id, ticket.personId));
  const kind = isStaff(target!.role) && !input.identityCheck ? "privileged" : "identity_check";
  if (kind === "identity_check" && !input.identityCheck) throw new AppError("INPUT_INVALID");
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
      detail: { approvalId: row!.id, action: input.action, kind, identityCheck: input.identityCheck ?? null },
    });
    return row!.id;
  });
  return { approvalId, expiresAt };
}

/**
 * The second agent approves, with their own fresh second factor. Refused for the requester
 * themselves, for the person the action is about, and for an approver whose role is below the
 * person's (an agent cannot approve resetting an administrator).
 */
export async function approve(session: SessionContext, input: { approvalId: string }, request: RequestInfo): Promise<{ approvedAt: Date }> {
  const at = now();
  assertFreshFactor(session, at);
  const db = await getDb();
  const [approval] = await db.select().from(resetApprovals).where(eq(resetApprovals.id, input.approvalId));
  if (!approval) throw new AppError("NOT_FOUND");
  const [target] = await db.select({ role: people.role }).from(people).where(eq(people.id, approval.personId));
  const refusal =
    approval.requestedBy === session.person.id
      ? ("HELPDESK_SELF_APPROVAL" as const)
      : approval.personId === session.person.id
        ? ("HELPDESK_SELF_NOT_ALLOWED" as const)
        : RANK[session.person.role] < RANK[target!.role]
          ? ("HELPDESK_APPROVER_ROLE_TOO_LOW" as const)
          : approval.approvedAt || approval.expiresAt <= at
            ? ("HELPDESK_APPROVAL_REQUIRED" as const)
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
      detail: { approvalId: approval.id, action: approval.action, requestedBy: approval.requestedBy },
    });
  if (refusal) {
    await audit("failure", refusal);
    throw new AppError(refusal);
  }
  const [done] = await db
    .update(resetApprovals)
    .set({ approvedBy: session.person.id, approvedAt: at })
    .where(and(eq(resetApprovals.id, approval.id), isNull(resetApprovals.approvedAt), gt(resetApprovals.expiresAt, at)))
    .returning({ id: resetApprovals.id });
  if (!done) throw new AppError("HELPDESK_APPROVAL_REQUIRED");
  await audit("success", null);
  return { approvedAt: at };
}

/** The approvals asked for on a ticket, newest first (for the ticket page). */
export async function approvalsForTicket(db: Executor, ticketId: string) {
  const rows = await db
    .select({ approval: resetApprovals, requester: people.username })
    .from(resetApprovals)
    .innerJoin(people, eq(people.id, resetApprovals.requestedBy))
    .where(eq(resetApprovals.ticketId, ticketId))
    .orderBy(desc(resetApprovals.createdAt))
    .limit(20);
  return rows.map(({ approval, requester }) => ({ ...approval, requesterUsername: requester }));
}

/**
 * Uses up an approval in the action's transaction: approved, not expired, not used, asked for by
 * this agent, for this person, ticket and action. Returns its kind, or null when it does not hold.
 */
export async function consumeApproval(
  tx: Executor,
  input: { approvalId: string; requesterId: string; personId: string; ticketId: string; action: string; at: Date },
): Promise<"identity_check" | "privileged" | null> {
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
    .returning({ kind: resetApprovals.kind });
  return used?.kind ?? null;
}
