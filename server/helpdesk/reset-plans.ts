import type { Executor } from "@/db/client";
import { recordAudit, type AuditAction } from "../audit/record-audit";
import { revokeSessionsOf } from "../auth/sessions";
import { noticeToPerson, type Template } from "../delivery/enqueue";
import { getPolicy } from "../policy/policy";
import { issueAccessPass } from "../verification/methods/access-pass/access-passes";
import type { MethodKind } from "../verification/methods/method";
import { type CredentialKind, retireCredentials, retireMethods } from "../verification/methods/registry";
import { liftLock, lockState } from "../verification/lockout";
import type { ResetActionValue } from "./helpdesk.schemas";

/**
 * What one helpdesk reset does, as data: each part is carried out by the module that owns it
 * (sessions by server/auth, the lock by the lockout, methods and credentials by the method
 * registry, the pass by the access-pass module). server/helpdesk writes none of their tables.
 */
export interface ResetPlan {
  /** Every session of the person ends. */
  revokeSessions: boolean;
  /** The lock of 10 in a row and the 24-hour ceiling end: the failure count starts afresh. */
  unlock: boolean;
  /** The method kinds retired: "all" is every registered kind (a new method joins without an edit here). */
  retireMethods: "all" | readonly MethodKind[];
  /** Credentials that are not factors but let someone in. */
  retireCredentials: readonly CredentialKind[];
  /** A temporary access pass, so the person can enrol again. */
  issuePass: boolean;
  audit: AuditAction;
  /** The notice the person gets; a pass-only reset tells them by the pass's own email (or, handed over, access_pass_handed_over). */
  notice: Template | null;
}

/** The helpdesk's resets (PRODUCT.md). Later issues add app passwords, remembered devices and hardware tokens to the rows. */
export const RESET_PLANS: Readonly<Record<ResetActionValue, ResetPlan>> = {
  sign_out_everywhere: {
    revokeSessions: true,
    unlock: false,
    retireMethods: [],
    retireCredentials: [],
    issuePass: false,
    audit: "helpdesk.signed_out_everywhere",
    notice: "helpdesk_signed_out_everywhere",
  },
  unlock: { revokeSessions: false, unlock: true, retireMethods: [], retireCredentials: [], issuePass: false, audit: "helpdesk.unlocked", notice: "helpdesk_unlocked" },
  require_reregistration: {
    revokeSessions: false,
    unlock: false,
    retireMethods: "all",
    retireCredentials: [],
    issuePass: false,
    audit: "helpdesk.methods_cleared",
    notice: "helpdesk_methods_cleared",
  },
  issue_access_pass: { revokeSessions: false, unlock: false, retireMethods: [], retireCredentials: [], issuePass: true, audit: "helpdesk.access_pass_issued", notice: null },
  safe_reset: {
    revokeSessions: true,
    unlock: true,
    retireMethods: "all",
    retireCredentials: ["access_pass"],
    issuePass: true,
    audit: "helpdesk.safe_reset",
    notice: "helpdesk_safe_reset",
  },
};

const tally = (counts: Partial<Record<string, number>>) =>
  Object.entries(counts)
    .map(([kind, n]) => `${kind}:${n}`)
    .sort()
    .join(",");

/** A pass shown to the agent (no usable method, ID checked in person, approved) works at most an hour. */
const SHOWN_PASS_MAX_MINUTES = 60;

export interface ResetContext {
  personId: string;
  organisationId: string;
  agentId: string;
  ticketId: string;
  reference: string;
  at: Date;
  /** After an approved in-person ID check: the pass is shown to the agent once instead of emailed. */
  passShownOnce: boolean;
  clientIp: string | null;
  /** What made the reset allowed, for the audit row. */
  grounds: { verificationId: string | null; approvalId: string | null; approvedIdentityCheck: string | null };
}

export interface ResetResult {
  sessionsEnded: number;
  methodsRemoved: number;
  /** Only when shown once: the pass, for the agent this once. */
  pass: string | undefined;
}

/**
 * Carries out a plan in the caller's transaction, part by part through each owning module, then
 * writes exactly one audit row and the person's notice, which names the methods that went. Anything that fails throws, and the
 * caller's transaction takes every part back with it. A pass is never issued into a lock that
 * would outlive it: the same verified caller gets the lock lifted.
 */
export async function carryOutReset(tx: Executor, plan: ResetPlan, context: ResetContext): Promise<ResetResult> {
  const { personId, at } = context;
  let lockLifted = false;
  const sessionsEnded = plan.revokeSessions ? await revokeSessionsOf(tx, personId, "helpdesk", at) : 0;
  if (plan.unlock) lockLifted = (await liftLock(tx, personId, at)).wasLocked.locked;
  let windowCleared = plan.unlock;
  const retired = await retireMethods(tx, { personId, at, kinds: plan.retireMethods });
  const credentialsRetired = await retireCredentials(tx, { personId, at, kinds: plan.retireCredentials });
  let pass: string | undefined;
  if (plan.issuePass) {
    const { accessPassTtlMinutes } = await getPolicy(tx, context.organisationId);
    const minutes = context.passShownOnce ? Math.min(accessPassTtlMinutes, SHOWN_PASS_MAX_MINUTES) : accessPassTtlMinutes;
    const lock = await lockState(tx, personId, at);
    if (lock.locked && lock.until.getTime() >= at.getTime() + minutes * 60_000) {
      await liftLock(tx, personId, at);
      lockLifted = windowCleared = true;
    }
    const issued = await issueAccessPass(tx, {
      personId,
      issuedBy: context.agentId,
      ticketId: context.ticketId,
      deliveredVia: context.passShownOnce ? "shown_once" : "email",
      at,
      ttlMinutes: minutes,
    });
    if (context.passShownOnce) pass = issued.pass;
    // Emailed, the pass itself is only in this message (sealed in the outbox, cleared once sent).
    else await noticeToPerson(tx, { personId, template: "access_pass_issued", params: { reference: context.reference, pass: issued.pass, minutes } });
  }
  await recordAudit(tx, {
    action: plan.audit,
    actorKind: "staff",
    actorPersonId: context.agentId,
    targetPersonId: personId,
    ticketId: context.ticketId,
    clientIp: context.clientIp,
    detail: {
      ...context.grounds,
      passShownOnce: context.passShownOnce,
      lockLifted,
      dailyWindowCleared: windowCleared,
      sessionsEnded,
      methodsRemoved: retired.count,
      // "phone:2,totp:1": what each kind's module retired.
      methodsRemovedByKind: tally(retired.byKind),
      credentialsRetired: tally(credentialsRetired),
      accessPassIssued: plan.issuePass,
    },
  });
  // The notice names what went ("authenticator app, mobile phone +31 •• ••• ••42 and recovery codes"), as each method describes itself.
  if (plan.notice) await noticeToPerson(tx, { personId, template: plan.notice, params: { reference: context.reference }, methodList: { methods: retired.described } });
  else if (plan.issuePass && context.passShownOnce) await noticeToPerson(tx, { personId, template: "access_pass_handed_over", params: { reference: context.reference } });
  return { sessionsEnded, methodsRemoved: retired.count, pass };
}
