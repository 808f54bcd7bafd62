import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { mfaMethods, people, sessions } from "@/db/schema";
import { recordAudit, type AuditAction } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { isStaff } from "../auth/session-rules";
import { now } from "../core/clock";
import { noticeToPerson, type Template } from "../delivery/enqueue";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { assertFreshFactor } from "../methods/fresh-factor";
import { hitBucket } from "../rate-limit/buckets";
import { ticketReference } from "../tickets/tickets.schemas";
import { getPolicy } from "../policy/policy";
import { issueAccessPass } from "../verification/methods/access-pass/access-passes";
import { liftLock, lockState } from "../verification/lockout";
import { consumeApproval } from "./approvals";
import { consumeVerification, ticketForAction, verificationTargets } from "./caller-verification";
import { identityCheckRefusal } from "./identity-checks";
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

/** A refused reset: thrown inside the transaction so that nothing it did (or used up) stays. */
class Refused extends Error {
  constructor(
    readonly code: "HELPDESK_APPROVAL_REQUIRED" | "HELPDESK_VERIFICATION_REQUIRED" | "HELPDESK_NO_EMAIL" | "HELPDESK_IDENTITY_CHECK_NOT_ALLOWED" | "HELPDESK_IN_PERSON_ONLY",
    readonly reason: string,
  ) {
    super(code);
  }
}

/** A pass shown to the agent (no usable method, ID checked in person, approved) works at most an hour. */
const SHOWN_PASS_MAX_MINUTES = 60;

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
  const issuesPass = input.action === "issue_access_pass" || input.action === "safe_reset";

  let outcome: { sessionsEnded: number; methodsRemoved: number; pass: string | undefined };
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
      if (issuesPass && !shownOnce && !target!.email) throw new Refused("HELPDESK_NO_EMAIL", "no_email");
      const reference = ticketReference(ticket.number);
      let sessionsEnded = 0;
      let methodsRemoved = 0;
      let pass: string | undefined;
      let lockLifted = false;
      let windowCleared = false;
      if (input.action === "sign_out_everywhere" || input.action === "safe_reset") sessionsEnded = await signOutEverywhere(tx, ticket.personId, at);
      // Ends the lock of 10 in a row and the 24-hour ceiling: the count starts afresh (audited below).
      if (input.action === "unlock" || input.action === "safe_reset") {
        lockLifted = (await liftLock(tx, ticket.personId, at)).wasLocked.locked;
        windowCleared = true;
      }
      if (input.action === "require_reregistration" || input.action === "safe_reset") methodsRemoved = await clearMethods(tx, ticket.personId, at);
      if (issuesPass) {
        const { accessPassTtlMinutes } = await getPolicy(tx, target!.organisationId);
        const minutes = shownOnce ? Math.min(accessPassTtlMinutes, SHOWN_PASS_MAX_MINUTES) : accessPassTtlMinutes;
        // Never a pass into a lock that outlives it: the same verified caller may have the lock lifted.
        const lock = await lockState(tx, ticket.personId, at);
        if (lock.locked && lock.until.getTime() >= at.getTime() + minutes * 60_000) {
          await liftLock(tx, ticket.personId, at);
          lockLifted = windowCleared = true;
        }
        const issued = await issueAccessPass(tx, {
          personId: ticket.personId,
          issuedBy: session.person.id,
          ticketId: ticket.id,
          deliveredVia: shownOnce ? "shown_once" : "email",
          at,
          ttlMinutes: minutes,
        });
        if (shownOnce) pass = issued.pass;
        // Emailed, the pass itself is only in this message (sealed in the outbox, cleared once sent).
        else await noticeToPerson(tx, { personId: ticket.personId, template: "access_pass_issued", params: { reference, pass: issued.pass, minutes } });
      }
      await recordAudit(tx, {
        action: AUDIT[input.action],
        actorKind: "staff",
        actorPersonId: session.person.id,
        targetPersonId: ticket.personId,
        ticketId: ticket.id,
        clientIp: request.ip,
        detail: {
          verificationId: input.verificationId ?? null,
          approvalId: input.approvalId ?? null,
          approvedIdentityCheck: identityChecked ? approval.identityCheck : null,
          passShownOnce: shownOnce,
          lockLifted,
          dailyWindowCleared: windowCleared,
          sessionsEnded,
          methodsRemoved,
          accessPassIssued: issuesPass,
        },
      });
      if (input.action !== "issue_access_pass") await noticeToPerson(tx, { personId: ticket.personId, template: NOTICE[input.action], params: { reference } });
      else if (shownOnce) await noticeToPerson(tx, { personId: ticket.personId, template: "access_pass_handed_over", params: { reference } });
      return { sessionsEnded, methodsRemoved, pass };
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    // The transaction rolled back (nothing used up); the refusal itself is on the record.
    await recordAudit(db, {
      action: AUDIT[input.action],
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
