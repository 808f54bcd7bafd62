import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { factorLockouts, mfaMethods, people, sessions } from "@/db/schema";
import { recordAudit, type AuditAction } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { isStaff } from "../auth/session-rules";
import { now } from "../clock";
import { noticeToPerson, type Template } from "../delivery/enqueue";
import { AppError } from "../errors";
import type { RequestInfo } from "../http/request-info";
import { assertFreshFactor } from "../methods/fresh-factor";
import { hitBucket } from "../rate-limit/buckets";
import { ticketReference } from "../tickets/tickets.schemas";
import { getPolicy } from "../policy/policy";
import { issueAccessPass } from "../verification/methods/access-pass/access-passes";
import { consumeVerification, ticketForAction } from "./caller-verification";
import { RESET_ACTION_VALUES } from "./helpdesk.schemas";

/**
 * The helpdesk's reset actions (PRODUCT.md): sign out everywhere, unlock, require re-registration
 * (clear methods), issue a temporary access pass (by email), and the safe reset (all of them in
 * one step). Later issues add app passwords, remembered devices and hardware tokens.
 */
export const RESET_ACTIONS = RESET_ACTION_VALUES;
export type ResetAction = (typeof RESET_ACTIONS)[number];

/** At most this many resets per agent per hour: a hijacked agent account cannot reset everyone. */
export const RESETS_PER_AGENT_PER_HOUR = 20;

const AUDIT: Record<ResetAction, AuditAction> = {
  sign_out_everywhere: "helpdesk.signed_out_everywhere",
  unlock: "helpdesk.unlocked",
  require_reregistration: "helpdesk.methods_cleared",
  issue_access_pass: "helpdesk.access_pass_issued",
  safe_reset: "helpdesk.safe_reset",
};
/** The notice for each action (a pass travels in its own email, access_pass_issued). */
const NOTICE: Record<Exclude<ResetAction, "issue_access_pass">, Template> = {
  sign_out_everywhere: "helpdesk_signed_out_everywhere",
  unlock: "helpdesk_unlocked",
  require_reregistration: "helpdesk_methods_cleared",
  safe_reset: "helpdesk_safe_reset",
};

async function signOutEverywhere(tx: Executor, personId: string, at: Date): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: at, revokeReason: "helpdesk" })
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** Ends the lock of 10 in a row; the 24-hour maximum of 100 failures stays (PRODUCT.md). */
async function unlock(tx: Executor, personId: string, at: Date): Promise<void> {
  await tx.update(factorLockouts).set({ lockedUntil: null, consecutiveFailures: 0, updatedAt: at }).where(eq(factorLockouts.personId, personId));
}

/** Every method goes: the next sign-in asks the person to register again. */
async function clearMethods(tx: Executor, personId: string, at: Date): Promise<number> {
  const removed = await tx
    .update(mfaMethods)
    .set({ removedAt: at })
    .where(and(eq(mfaMethods.personId, personId), isNull(mfaMethods.removedAt)))
    .returning({ id: mfaMethods.id });
  await tx.update(people).set({ defaultMethodId: null, defaultChannel: null }).where(eq(people.id, personId));
  return removed.length;
}

/**
 * One reset on the person a ticket is about. Guarded in this order: the agent's own second factor
 * is fresh; the agent is not resetting themselves; staff accounts need a second agent's approval;
 * at most 20 resets an hour per agent; and a caller verification for this agent, person and ticket,
 * used up by this reset. Done in one transaction with exactly one audit row; the person gets an email.
 * A refusal is audited too (outside the rolled-back work).
 */
export async function performReset(
  session: SessionContext,
  input: { reference: string; action: ResetAction; verificationId?: string },
  request: RequestInfo,
): Promise<{ action: ResetAction; sessionsEnded: number; methodsRemoved: number }> {
  const at = now();
  assertFreshFactor(session, at);
  const db = await getDb();
  const ticket = await ticketForAction(db, input.reference);
  if (ticket.personId === session.person.id) throw new AppError("HELPDESK_SELF_NOT_ALLOWED");
  const [target] = await db.select({ role: people.role, email: people.email, organisationId: people.organisationId }).from(people).where(eq(people.id, ticket.personId));
  const issuesPass = input.action === "issue_access_pass" || input.action === "safe_reset";
  // A pass goes to a channel the person already has: the address on file (never one a caller gives).
  if (issuesPass && !target!.email) throw new AppError("HELPDESK_NO_EMAIL");
  // Four-eyes for privileged accounts: the approval by a second agent comes with the approvals step.
  if (isStaff(target!.role)) throw new AppError("HELPDESK_APPROVAL_REQUIRED");
  const cap = await hitBucket(db, `helpdesk-resets:${session.person.id}`, 60 * 60, at);
  if (cap.count > RESETS_PER_AGENT_PER_HOUR) {
    const seconds = Math.max(1, Math.ceil((cap.windowEndsAt.getTime() - at.getTime()) / 1000));
    throw new AppError("RATE_LIMITED", { params: { seconds }, retryAfterSeconds: seconds });
  }

  const outcome = await db.transaction(async (tx) => {
    const refused = await consumeVerification(tx, {
      verificationId: input.verificationId,
      agentId: session.person.id,
      personId: ticket.personId,
      ticketId: ticket.id,
      action: input.action,
      at,
    });
    if (refused) return { refused };
    const reference = ticketReference(ticket.number);
    let sessionsEnded = 0;
    let methodsRemoved = 0;
    if (input.action === "sign_out_everywhere" || input.action === "safe_reset") sessionsEnded = await signOutEverywhere(tx, ticket.personId, at);
    if (input.action === "unlock" || input.action === "safe_reset") await unlock(tx, ticket.personId, at);
    if (input.action === "require_reregistration" || input.action === "safe_reset") methodsRemoved = await clearMethods(tx, ticket.personId, at);
    if (issuesPass) {
      const { accessPassTtlMinutes } = await getPolicy(tx, target!.organisationId);
      const issued = await issueAccessPass(tx, { personId: ticket.personId, issuedBy: session.person.id, ticketId: ticket.id, deliveredVia: "email", at, ttlMinutes: accessPassTtlMinutes });
      // The pass itself only in this email (sealed in the outbox, cleared once sent), never on screen.
      await noticeToPerson(tx, { personId: ticket.personId, template: "access_pass_issued", params: { reference, pass: issued.pass, minutes: accessPassTtlMinutes } });
    }
    await recordAudit(tx, {
      action: AUDIT[input.action],
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: ticket.personId,
      ticketId: ticket.id,
      clientIp: request.ip,
      detail: { verificationId: input.verificationId!, sessionsEnded, methodsRemoved, accessPassIssued: issuesPass },
    });
    if (input.action !== "issue_access_pass") await noticeToPerson(tx, { personId: ticket.personId, template: NOTICE[input.action], params: { reference } });
    return { refused: null, sessionsEnded, methodsRemoved };
  });

  if (outcome.refused) {
    await recordAudit(db, {
      action: AUDIT[input.action],
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: ticket.personId,
      ticketId: ticket.id,
      clientIp: request.ip,
      outcome: "failure",
      reason: `verification_${outcome.refused}`,
      detail: { verificationId: input.verificationId ?? null },
    });
    throw new AppError("HELPDESK_VERIFICATION_REQUIRED");
  }
  return { action: input.action, sessionsEnded: outcome.sessionsEnded, methodsRemoved: outcome.methodsRemoved };
}
