import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { people, sessions, type AdminChange, type Role } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { enqueueMessage } from "../delivery/enqueue";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { createEnrolmentLink } from "../setup/enrolment-links";

export type { AdminChange };

const STAFF: ReadonlySet<Role> = new Set(["agent", "admin"]);

/**
 * Four eyes (issue 10, item 11): a second administrator approves adding a helpdesk agent or an
 * administrator, granting either role, taking the administrator role away (so one administrator
 * can never demote the others and then act alone as "the only administrator"), and recording or
 * changing someone's manager (the manager confirms identities for the helpdesk). Clearing a
 * manager and taking away the agent role need no second administrator.
 */
export function needsSecondAdmin(change: AdminChange): boolean {
  switch (change.kind) {
    case "create_person":
      return STAFF.has(change.person.role);
    case "set_role":
      return STAFF.has(change.to) || change.from === "admin";
    case "set_manager":
      return change.to !== null;
  }
}

/** How an applied change came about, for its audit row. */
export interface ChangeApproval {
  /** The approval it carries out, or null when none was needed. */
  approvalId: string | null;
  approvedBy: string | null;
  /** The organisation had one administrator: nobody could approve (the bootstrap exception). */
  soleAdministrator?: boolean;
}

interface ApplyInput {
  actorId: string;
  organisationId: string;
  change: AdminChange;
  request: RequestInfo;
  at: Date;
  approval: ChangeApproval;
}

/** The person a change is about, locked for the change; gone → NOT_FOUND, disabled → ADMIN_APPROVAL_STALE. */
async function lockedTarget(tx: Executor, personId: string) {
  const [person] = await tx.select().from(people).where(eq(people.id, personId)).for("update");
  if (!person) throw new AppError("NOT_FOUND");
  if (person.disabledAt) throw new AppError("ADMIN_APPROVAL_STALE");
  return person;
}

const approvalDetail = (approval: ChangeApproval) => ({
  approvalId: approval.approvalId,
  approvedBy: approval.approvedBy,
  ...(approval.soleAdministrator ? { soleAdministrator: true } : {}),
});

/**
 * Carries out one administrator change in the caller's transaction, re-checking that it still
 * makes sense (the username is still free; the person still exists, is not disabled and still has
 * the role or manager the request saw). Audited with the approval that allowed it.
 * Returns the person's ID.
 */
export async function applyAdminChange(tx: Executor, input: ApplyInput): Promise<string> {
  const { change, approval } = input;
  if (change.kind === "create_person") {
    const person = change.person;
    const [created] = await tx
      .insert(people)
      .values({ organisationId: input.organisationId, ...person, createdAt: input.at })
      .onConflictDoNothing({ target: people.username })
      .returning({ id: people.id });
    if (!created) throw new AppError("PERSON_EXISTS");
    const link = await createEnrolmentLink(tx, { personId: created.id, locale: person.locale, actorKind: "staff", actorPersonId: input.actorId });
    await enqueueMessage(tx, {
      channel: "email",
      recipient: person.email,
      personId: created.id,
      locale: person.locale,
      template: "enrolment_link",
      params: { name: person.displayName, link: link.url },
    });
    await recordAudit(tx, {
      action: "admin.person_created",
      actorKind: "staff",
      actorPersonId: input.actorId,
      targetPersonId: created.id,
      clientIp: input.request.ip,
      detail: { username: person.username, role: person.role, ...approvalDetail(approval) },
    });
    return created.id;
  }
  const target = await lockedTarget(tx, change.personId);
  if (change.kind === "set_role") {
    if (target.role !== change.from) throw new AppError("ADMIN_APPROVAL_STALE");
    await tx.update(people).set({ role: change.to }).where(eq(people.id, target.id));
    // The new role (and its timeouts) applies at once.
    await tx
      .update(sessions)
      .set({ revokedAt: input.at, revokeReason: "role_changed" })
      .where(and(eq(sessions.personId, target.id), isNull(sessions.revokedAt)));
    await recordAudit(tx, {
      action: "admin.role_changed",
      actorKind: "staff",
      actorPersonId: input.actorId,
      targetPersonId: target.id,
      clientIp: input.request.ip,
      detail: { from: change.from, to: change.to, ...approvalDetail(approval) },
    });
    return target.id;
  }
  if (target.managerId !== change.from) throw new AppError("ADMIN_APPROVAL_STALE");
  if (change.to !== null) {
    const [manager] = await tx.select({ id: people.id, disabledAt: people.disabledAt }).from(people).where(eq(people.id, change.to));
    if (!manager || manager.disabledAt || manager.id === target.id) throw new AppError("ADMIN_APPROVAL_STALE");
  }
  await tx.update(people).set({ managerId: change.to }).where(eq(people.id, target.id));
  await recordAudit(tx, {
    action: "admin.manager_set",
    actorKind: "staff",
    actorPersonId: input.actorId,
    targetPersonId: target.id,
    clientIp: input.request.ip,
    detail: { from: change.from, to: change.to, ...approvalDetail(approval) },
  });
  return target.id;
}
