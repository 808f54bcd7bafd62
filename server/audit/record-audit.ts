import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { now } from "../core/clock";
import { log } from "../core/log";

/** Every action the audit trail records (the history and the viewer name each in both languages). */
export const AUDIT_ACTIONS = [
  "setup.organisation_created",
  "setup.first_admin_created",
  "enrolment.link_created",
  "enrolment.password_set",
  "session.signed_out_everywhere",
  "lost_phone.secured",
  "ticket.replied",
  "ticket.noted",
  "ticket.status_changed",
  "ticket.merged",
  "ticket.status_link_revoked",
  "helpdesk.verification_sent",
  "helpdesk.caller_verified",
  "helpdesk.signed_out_everywhere",
  "helpdesk.unlocked",
  "helpdesk.methods_cleared",
  "helpdesk.safe_reset",
  "helpdesk.access_pass_issued",
  "helpdesk.approval_requested",
  "helpdesk.approval_granted",
  "helpdesk.manager_confirmed",
  "helpdesk.manager_declined",
  "audit.exported",
  "ticket.assigned",
  "admin.person_created",
  "admin.people_imported",
  "admin.person_disabled",
  "admin.person_enabled",
  "admin.role_changed",
  "admin.manager_set",
  "lockout.locked",
  "method.added",
  "method.removed",
  "method.fraud_reported",
  "method.default_changed",
  "method.recovery_codes_generated",
  "method.recovery_code_used",
  "method.renamed",
  "admin.office_phone_set",
  "admin.office_phone_removed",
  "admin.approval_requested",
  "admin.approval_granted",
  "admin.approval_refused",
  "admin.approval_applied",
  "admin.sole_admin_change",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Security events: besides their audit row they go to the process log as one structured
 * `security_event` line (for the SIEM and alerting): locks and unlocks, resets, passes issued,
 * identity approvals, role and account changes, methods added or removed, sign-outs everywhere.
 */
export const SECURITY_EVENT_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  "setup.first_admin_created",
  "enrolment.password_set",
  "session.signed_out_everywhere",
  "lost_phone.secured",
  "helpdesk.caller_verified",
  "helpdesk.signed_out_everywhere",
  "helpdesk.unlocked",
  "helpdesk.methods_cleared",
  "helpdesk.safe_reset",
  "helpdesk.access_pass_issued",
  "helpdesk.approval_granted",
  "helpdesk.manager_confirmed",
  "audit.exported",
  "admin.person_created",
  "admin.person_disabled",
  "admin.person_enabled",
  "admin.role_changed",
  "admin.manager_set",
  "lockout.locked",
  "method.added",
  "method.removed",
  "method.fraud_reported",
  "method.recovery_codes_generated",
  "method.recovery_code_used",
  "admin.office_phone_set",
  "admin.office_phone_removed",
  "admin.approval_requested",
  "admin.approval_granted",
  "admin.approval_refused",
  "admin.approval_applied",
  "admin.sole_admin_change",
]);

export interface AuditEntry {
  action: AuditAction;
  actorKind: "person" | "staff" | "system" | "setup";
  actorPersonId?: string | null;
  targetPersonId?: string | null;
  ticketId?: string | null;
  correlationId?: string | null;
  clientIp?: string | null;
  outcome?: "success" | "failure";
  reason?: string | null;
  /** Facts only: never a password, code, token or secret. */
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Appends one row to the audit trail, in the caller's transaction. A security event also writes
 * its `security_event` log line (once the row is written): the action, actor, target IDs,
 * ticket, correlation ID and outcome; never the reason text or the detail (they may quote a
 * person), and so never a code, pass, password or email address.
 */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    occurredAt: now(),
    action: entry.action,
    actorKind: entry.actorKind,
    actorPersonId: entry.actorPersonId ?? null,
    targetPersonId: entry.targetPersonId ?? null,
    ticketId: entry.ticketId ?? null,
    correlationId: entry.correlationId ?? null,
    clientIp: entry.clientIp ?? null,
    outcome: entry.outcome ?? "success",
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
  });
  if (SECURITY_EVENT_ACTIONS.has(entry.action)) {
    log(entry.outcome === "failure" ? "warn" : "info", "security_event", {
      action: entry.action,
      outcome: entry.outcome ?? "success",
      actorKind: entry.actorKind,
      actorPersonId: entry.actorPersonId ?? null,
      targetPersonId: entry.targetPersonId ?? null,
      ticketId: entry.ticketId ?? null,
      correlationId: entry.correlationId ?? null,
    });
  }
}
