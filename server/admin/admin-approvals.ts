import { and, asc, count, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { adminApprovals, organisations, people } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { addSeconds, now } from "../core/clock";
import { enqueueMessage, noticeToPerson } from "../delivery/enqueue";
import { getEnv } from "../core/env";
import { AppError, isAppError } from "../core/errors";
import { APPROVAL_TTL_SECONDS } from "../helpdesk/approvals";
import type { RequestInfo } from "../http/request-info";
import { applyAdminChange, needsSecondAdmin, type AdminChange } from "./admin-changes";

/** A change that was carried out, or one that waits for a second administrator (30 minutes). */
export type ChangeOutcome = { status: "applied" } | { status: "pending"; approvalId: string; expiresAt: Date };

export async function organisationOf(db: Executor, personId: string): Promise<string> {
  const [me] = await db.select({ organisationId: people.organisationId }).from(people).where(eq(people.id, personId));
  if (!me) throw new AppError("ACCESS_DENIED");
  return me.organisationId;
}

const targetOf = (change: AdminChange): string | null => (change.kind === "create_person" ? null : change.personId);

/** The usernames an email or the approvals page names: the person (or the one to be created) and the manager. */
async function describe(db: Executor, change: AdminChange): Promise<{ username: string; name: string; role: string; manager: string }> {
  if (change.kind === "create_person") return { username: change.person.username, name: change.person.displayName, role: change.person.role, manager: "" };
  const ids = [change.personId, ...(change.kind === "set_manager" && change.to ? [change.to] : [])];
  const rows = await db.select({ id: people.id, username: people.username, displayName: people.displayName }).from(people).where(inArray(people.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const person = byId.get(change.personId);
  return {
    username: person?.username ?? "",
    name: person?.displayName ?? "",
    role: change.kind === "set_role" ? change.to : "",
    manager: change.kind === "set_manager" && change.to ? (byId.get(change.to)?.username ?? "") : "",
  };
}

/**
 * An administrator's change to people. What needs four eyes (admin-changes.ts needsSecondAdmin)
 * becomes a pending approval that the other administrators of the organisation are emailed
 * about; everything else is carried out at once.
 *
 * The bootstrap exception: while the organisation has exactly one administrator (disabled ones
 * count, and the administrator role can only be taken away with a second administrator's
 * approval, so one administrator can never get back to being the only one), there is nobody to
 * approve, so the change is carried out at once, audited as `admin.sole_admin_change` and the
 * administrator is emailed about it. That is how the first administrator from `npm run setup`
 * adds the second.
 */
export async function submitAdminChange(session: SessionContext, change: AdminChange, request: RequestInfo): Promise<ChangeOutcome> {
  const db = await getDb();
  const at = now();
  const organisationId = await organisationOf(db, session.person.id);
  const actor = { actorId: session.person.id, organisationId, change, request, at };
  if (!needsSecondAdmin(change)) {
    await db.transaction((tx) => applyAdminChange(tx, { ...actor, approval: { approvalId: null, approvedBy: null } }));
    return { status: "applied" };
  }
  return db.transaction(async (tx) => {
    // One change at a time per organisation here: two "sole administrator" changes never race.
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for("update");
    const [admins] = await tx
      .select({ n: count() })
      .from(people)
      .where(and(eq(people.organisationId, organisationId), eq(people.role, "admin")));
    if (admins!.n <= 1) {
      const personId = await applyAdminChange(tx, { ...actor, approval: { approvalId: null, approvedBy: null, soleAdministrator: true } });
      await recordAudit(tx, {
        action: "admin.sole_admin_change",
        actorKind: "staff",
        actorPersonId: session.person.id,
        targetPersonId: personId,
        clientIp: request.ip,
        detail: { kind: change.kind },
      });
      const facts = await describe(tx, change);
      await noticeToPerson(tx, { personId: session.person.id, template: "admin_sole_admin_change", params: { kind: change.kind, ...facts } });
      return { status: "applied" } as const;
    }
    const expiresAt = addSeconds(at, APPROVAL_TTL_SECONDS);
    const [row] = await tx
      .insert(adminApprovals)
      .values({ organisationId, requestedBy: session.person.id, kind: change.kind, targetPersonId: targetOf(change), change, createdAt: at, expiresAt })
      .returning({ id: adminApprovals.id });
    await recordAudit(tx, {
      action: "admin.approval_requested",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: targetOf(change),
      clientIp: request.ip,
      detail: { approvalId: row!.id, kind: change.kind },
    });
    // The administrators who could approve it: enabled, not the requester, not the person it is about.
    const approvers = await tx
      .select({ id: people.id, email: people.email, locale: people.locale })
      .from(people)
      .where(and(eq(people.organisationId, organisationId), eq(people.role, "admin"), isNull(people.disabledAt), ne(people.id, session.person.id)));
    const facts = await describe(tx, change);
    for (const approver of approvers) {
      if (!approver.email || approver.id === targetOf(change)) continue;
      await enqueueMessage(tx, {
        channel: "email",
        recipient: approver.email,
        personId: approver.id,
        locale: approver.locale,
        template: "admin_approval_requested",
        params: { requester: session.person.displayName, kind: change.kind, ...facts, link: new URL(`/${approver.locale}/admin/approvals`, getEnv().publicUrl).toString() },
      });
    }
    return { status: "pending", approvalId: row!.id, expiresAt } as const;
  });
}

/**
 * The second administrator approves (the change is carried out in the same transaction, once) or
 * refuses a pending change, with their own fresh second factor (adminProcedure). Refused for the
 * administrator who asked, for the person the change is about, and once it is decided or expired;
 * an approval whose requester is no longer an enabled administrator, or whose change no longer
 * fits (admin-changes.ts), changes nothing (ADMIN_APPROVAL_STALE). Every try is audited, refused ones too.
 */
export async function decideAdminApproval(
  session: SessionContext,
  input: { approvalId: string; decision: "approve" | "refuse" },
  request: RequestInfo,
): Promise<{ decision: "approved" | "refused" }> {
  const db = await getDb();
  const at = now();
  const organisationId = await organisationOf(db, session.person.id);
  const [approval] = await db
    .select()
    .from(adminApprovals)
    .where(and(eq(adminApprovals.id, input.approvalId), eq(adminApprovals.organisationId, organisationId)));
  if (!approval) throw new AppError("NOT_FOUND");
  const action = input.decision === "approve" ? "admin.approval_granted" : "admin.approval_refused";
  const audit = (tx: Executor, outcome: "success" | "failure", reason: string | null) =>
    recordAudit(tx, {
      action,
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: approval.targetPersonId,
      clientIp: request.ip,
      outcome,
      reason,
      detail: { approvalId: approval.id, kind: approval.kind, requestedBy: approval.requestedBy },
    });
  const refusal =
    approval.requestedBy === session.person.id
      ? ("ADMIN_SELF_APPROVAL" as const)
      : approval.targetPersonId === session.person.id
        ? ("ADMIN_SELF_CHANGE" as const)
        : approval.decision !== null || approval.expiresAt <= at
          ? ("ADMIN_APPROVAL_CLOSED" as const)
          : null;
  if (refusal) {
    await audit(db, "failure", refusal);
    throw new AppError(refusal);
  }
  const decision = input.decision === "approve" ? ("approved" as const) : ("refused" as const);
  try {
    await db.transaction(async (tx) => {
      const [decided] = await tx
        .update(adminApprovals)
        .set({ decision, decidedBy: session.person.id, decidedAt: at })
        .where(and(eq(adminApprovals.id, approval.id), isNull(adminApprovals.decision), gt(adminApprovals.expiresAt, at), ne(adminApprovals.requestedBy, session.person.id)))
        .returning({ id: adminApprovals.id });
      if (!decided) throw new AppError("ADMIN_APPROVAL_CLOSED");
      await audit(tx, "success", null);
      if (decision === "refused") return;
      // The administrator who asked must still be one (not disabled or demoted since).
      const [requester] = await tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.id, approval.requestedBy), eq(people.role, "admin"), isNull(people.disabledAt)));
      if (!requester) throw new AppError("ADMIN_APPROVAL_STALE");
      const personId = await applyAdminChange(tx, {
        actorId: approval.requestedBy,
        organisationId,
        change: approval.change,
        request,
        at,
        approval: { approvalId: approval.id, approvedBy: session.person.id },
      });
      await recordAudit(tx, {
        action: "admin.approval_applied",
        actorKind: "staff",
        actorPersonId: session.person.id,
        targetPersonId: personId,
        clientIp: request.ip,
        detail: { approvalId: approval.id, kind: approval.kind, requestedBy: approval.requestedBy },
      });
    });
  } catch (error) {
    // The change no longer holds (or someone else decided first): nothing was written; say why.
    if (isAppError(error)) await audit(db, "failure", error.code);
    throw error;
  }
  return { decision };
}

export interface AdminApprovalView {
  id: string;
  kind: AdminChange["kind"];
  username: string;
  name: string;
  role: string;
  manager: string;
  email: string | null;
  requesterUsername: string;
  createdAt: Date;
  expiresAt: Date;
  /** Asked for by the viewer (who cannot decide it). */
  mine: boolean;
  /** About the viewer (who cannot decide it either). */
  aboutMe: boolean;
}

/** The changes waiting for a second administrator in the viewer's organisation, oldest first. */
export async function pendingAdminApprovals(session: SessionContext): Promise<AdminApprovalView[]> {
  const db = await getDb();
  const at = now();
  const organisationId = await organisationOf(db, session.person.id);
  const rows = await db
    .select({ approval: adminApprovals, requester: people.username })
    .from(adminApprovals)
    .innerJoin(people, eq(people.id, adminApprovals.requestedBy))
    .where(and(eq(adminApprovals.organisationId, organisationId), isNull(adminApprovals.decision), gt(adminApprovals.expiresAt, at)))
    .orderBy(asc(adminApprovals.createdAt))
    .limit(100);
  return Promise.all(
    rows.map(async ({ approval, requester }) => ({
      id: approval.id,
      kind: approval.kind,
      ...(await describe(db, approval.change)),
      email: approval.change.kind === "create_person" ? approval.change.person.email : null,
      requesterUsername: requester,
      createdAt: approval.createdAt,
      expiresAt: approval.expiresAt,
      mine: approval.requestedBy === session.person.id,
      aboutMe: approval.targetPersonId === session.person.id,
    })),
  );
}
