import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { isStaff } from "../auth/session-rules";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { assertFreshFactor } from "../methods/fresh-factor";
import { hitBucket } from "../rate-limit/buckets";
import { ticketReference } from "../tickets/tickets.schemas";
import { consumeApproval } from "./approvals";
import { consumeVerification, ticketForAction, verificationTargets } from "./caller-verification";
import { RESET_ACTION_VALUES } from "./helpdesk.schemas";
import { identityCheckRefusal } from "./identity-checks";
import { carryOutReset, RESET_PLANS, type ResetResult } from "./reset-plans";

/**
 * The helpdesk's reset actions (PRODUCT.md): sign out everywhere, unlock, require re-registration
 * (clear methods), issue a temporary access pass (by email), and the safe reset (all of them in
 * one step). What each one does is a row of RESET_PLANS (reset-plans.ts); this file guards who may
 * do it.
 */
export const RESET_ACTIONS = RESET_ACTION_VALUES;
export type ResetAction = (typeof RESET_ACTIONS)[number];

/** At most this many resets per agent per hour: a hijacked agent account cannot reset everyone. */
export const RESETS_PER_AGENT_PER_HOUR = 20;

/** A refused reset: thrown inside the transaction so that nothing it did (or used up) stays. */
class Refused extends Error {
  constructor(
    readonly code: "HELPDESK_APPROVAL_REQUIRED" | "HELPDESK_VERIFICATION_REQUIRED" | "HELPDESK_NO_EMAIL" | "HELPDESK_IDENTITY_CHECK_NOT_ALLOWED" | "HELPDESK_IN_PERSON_ONLY",
    readonly reason: string,
  ) {
    super(code);
  }
}

export interface ResetOutcome {
  action: ResetAction;
  sessionsEnded: number;
  methodsRemoved: number;
  /** Only after an approved in-person ID check: the pass, shown to the agent this once. */
  pass?: string;
}

/**
 * One reset on the person a ticket is about. Guarded in this order: the agent's own second factor
 * is fresh; the agent is not resetting themselves; at most 20 resets an hour per agent. Then, in
 * the reset's transaction: a staff or administrator account needs a second agent's approval; and
 * the caller must be verified, by a verification for this agent, person and ticket, or, when the
 * person has no verification target (or the phone is lost: then in person only), by an approved
 * identity check. Both are used up by this reset. A pass goes to the address on file, except after
 * an in-person ID check (shown to the agent once); never after a manager's confirmation to the
 * agent. The unlock also starts the 24-hour failure count afresh, and a pass is never issued into
 * a lock that would outlive it. Exactly one audit row; the person gets an email. A refusal is
 * audited too.
 */
export async function performReset(
  session: SessionContext,
  input: { reference: string; action: ResetAction; verificationId?: string; approvalId?: string },
  request: RequestInfo,
): Promise<ResetOutcome> {
  const at = now();
  assertFreshFactor(session, at);
  const db = await getDb();
  const ticket = await ticketForAction(db, input.reference);
  if (ticket.personId === session.person.id) throw new AppError("HELPDESK_SELF_NOT_ALLOWED");
  const [target] = await db.select({ role: people.role, email: people.email, organisationId: people.organisationId }).from(people).where(eq(people.id, ticket.personId));
  const cap = await hitBucket(db, `helpdesk-resets:${session.person.id}`, 60 * 60, at);
  if (cap.count > RESETS_PER_AGENT_PER_HOUR) {
    const seconds = Math.max(1, Math.ceil((cap.windowEndsAt.getTime() - at.getTime()) / 1000));
    throw new AppError("RATE_LIMITED", { params: { seconds }, retryAfterSeconds: seconds });
  }
  const plan = RESET_PLANS[input.action];

  let outcome: ResetResult;
  try {
    outcome = await db.transaction(async (tx) => {
      const binding = { personId: ticket.personId, ticketId: ticket.id, action: input.action, at };
      const approval = input.approvalId ? await consumeApproval(tx, { ...binding, approvalId: input.approvalId, requesterId: session.person.id }) : null;
      if (isStaff(target!.role) && !approval) throw new Refused("HELPDESK_APPROVAL_REQUIRED", "approval_missing");
      const identityChecked = approval?.kind === "identity_check";
      if (identityChecked) {
        // The rule is checked again now: a phone registered since the request makes a code the way.
        const refusal = identityCheckRefusal({
          identityCheck: approval.identityCheck!,
          phoneLost: approval.phoneLost,
          verificationTargets: (await verificationTargets(tx, ticket.personId)).length,
        });
        if (refusal) throw new Refused(refusal, "identity_check_not_allowed");
      }
      // After a manager's confirmation the agent never sees the pass: it goes to the address on file.
      const shownOnce = identityChecked && approval.identityCheck === "in_person_id";
      if (!identityChecked) {
        const refused = await consumeVerification(tx, { ...binding, verificationId: input.verificationId, agentId: session.person.id });
        if (refused) throw new Refused("HELPDESK_VERIFICATION_REQUIRED", `verification_${refused}`);
      }
      // A pass goes to a channel the person already has (the address on file), or, ID checked in person, to the agent once.
      if (plan.issuePass && !shownOnce && !target!.email) throw new Refused("HELPDESK_NO_EMAIL", "no_email");
      return carryOutReset(tx, plan, {
        personId: ticket.personId,
        organisationId: target!.organisationId,
        agentId: session.person.id,
        ticketId: ticket.id,
        reference: ticketReference(ticket.number),
        at,
        passShownOnce: shownOnce,
        clientIp: request.ip,
        grounds: {
          verificationId: input.verificationId ?? null,
          approvalId: input.approvalId ?? null,
          approvedIdentityCheck: identityChecked ? approval.identityCheck : null,
        },
      });
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    // The transaction rolled back (nothing used up); the refusal itself is on the record.
    await recordAudit(db, {
      action: plan.audit,
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: ticket.personId,
      ticketId: ticket.id,
      clientIp: request.ip,
      outcome: "failure",
      reason: error.reason,
      detail: { verificationId: input.verificationId ?? null, approvalId: input.approvalId ?? null },
    });
    throw new AppError(error.code);
  }
  return { action: input.action, sessionsEnded: outcome.sessionsEnded, methodsRemoved: outcome.methodsRemoved, ...(outcome.pass ? { pass: outcome.pass } : {}) };
}
