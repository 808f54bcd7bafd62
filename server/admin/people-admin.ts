import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people, sessions, type Role } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { normalizeUsername } from "../people/username";
import { organisationOf, submitAdminChange, type ChangeOutcome } from "./admin-approvals";
import { applyAdminChange, needsSecondAdmin } from "./admin-changes";
import { parseCsv } from "./csv-parse";
import { newPersonInput, type NewPersonInput } from "./people.schemas";

/**
 * Adds one person (no password yet; an enrolment link by email). A helpdesk agent or an
 * administrator waits for a second administrator's approval (admin-approvals.ts). Audited.
 */
export async function createPerson(session: SessionContext, input: NewPersonInput, request: RequestInfo): Promise<{ username: string } & ChangeOutcome> {
  const db = await getDb();
  const [taken] = await db.select({ id: people.id }).from(people).where(eq(people.username, input.username));
  if (taken) throw new AppError("PERSON_EXISTS");
  return { username: input.username, ...(await submitAdminChange(session, { kind: "create_person", person: input }, request)) };
}

export const IMPORT_COLUMNS = ["username", "display_name", "email", "locale", "role"] as const;
export const IMPORT_MAX_ROWS = 5000;

export interface ImportReport {
  rows: number;
  valid: number;
  problems: Array<{ line: number; field: string; problem: string }>;
  created: number;
}

/**
 * People from CSV (username, display_name, email, locale, role, and optionally manager). A dry run
 * reports every bad row (format, duplicates in the file, usernames already taken) and writes
 * nothing; the real run creates everyone in one transaction, or, if any row is bad, no one.
 * The import never bypasses four eyes: a row with the role agent or admin (`role_needs_approval`)
 * or with a manager (`manager_needs_approval`) is a bad row; such people are added one at a time
 * under "Add a person", and managers recorded on the person's page, where a second administrator
 * approves.
 */
export async function importPeople(session: SessionContext, input: { csv: string; dryRun: boolean }, request: RequestInfo): Promise<ImportReport> {
  const db = await getDb();
  const parsed = parseCsv(input.csv);
  const problems: ImportReport["problems"] = [];
  const [header, ...rows] = parsed;
  const columns = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  for (const column of IMPORT_COLUMNS) if (!columns.includes(column)) problems.push({ line: header?.line ?? 1, field: column, problem: "missing_column" });
  if (rows.length > IMPORT_MAX_ROWS) problems.push({ line: rows[IMPORT_MAX_ROWS]!.line, field: "", problem: "too_many_rows" });
  const valid: NewPersonInput[] = [];
  const seen = new Map<string, number>();
  if (problems.length === 0) {
    for (const row of rows) {
      const value = (column: string) => row.fields[columns.indexOf(column)] ?? "";
      const candidate = newPersonInput.safeParse({
        username: value("username"),
        displayName: value("display_name"),
        email: value("email"),
        locale: value("locale") || "nl",
        role: value("role") || "person",
      });
      if (!candidate.success) {
        for (const issue of candidate.error.issues) problems.push({ line: row.line, field: String(issue.path[0] ?? ""), problem: issue.message.replace(/^validation\./, "") });
        continue;
      }
      const first = seen.get(candidate.data.username);
      if (first !== undefined) {
        problems.push({ line: row.line, field: "username", problem: `duplicate_of_line_${first}` });
        continue;
      }
      seen.set(candidate.data.username, row.line);
      const blocked = [
        ...(needsSecondAdmin({ kind: "create_person", person: candidate.data }) ? [{ line: row.line, field: "role", problem: "role_needs_approval" }] : []),
        ...(value("manager").trim() ? [{ line: row.line, field: "manager", problem: "manager_needs_approval" }] : []),
      ];
      if (blocked.length > 0) problems.push(...blocked);
      else valid.push(candidate.data);
    }
    const taken = valid.length
      ? await db
          .select({ username: people.username })
          .from(people)
          .where(
            inArray(
              people.username,
              valid.map((v) => v.username),
            ),
          )
      : [];
    for (const { username } of taken) problems.push({ line: seen.get(username)!, field: "username", problem: "exists" });
  }
  problems.sort((a, b) => a.line - b.line);
  const report: ImportReport = { rows: rows.length, valid: valid.length - problems.filter((p) => p.problem === "exists").length, problems, created: 0 };
  if (input.dryRun || problems.length > 0) return report;
  const organisationId = await organisationOf(db, session.person.id);
  const at = now();
  await db.transaction(async (tx) => {
    for (const person of valid) {
      await applyAdminChange(tx, {
        actorId: session.person.id,
        organisationId,
        change: { kind: "create_person", person },
        request,
        at,
        approval: { approvalId: null, approvedBy: null },
      });
    }
    await recordAudit(tx, {
      action: "admin.people_imported",
      actorKind: "staff",
      actorPersonId: session.person.id,
      clientIp: request.ip,
      detail: { created: valid.length },
    });
  });
  return { ...report, created: valid.length };
}

/** Disable (signed out everywhere, no sign-in) or enable a person. Not yourself. Audited. */
export async function setDisabled(session: SessionContext, input: { personId: string; disabled: boolean }, request: RequestInfo): Promise<void> {
  if (input.personId === session.person.id) throw new AppError("ADMIN_SELF_CHANGE");
  const db = await getDb();
  const at = now();
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(people)
      .set({ disabledAt: input.disabled ? at : null })
      .where(eq(people.id, input.personId))
      .returning({ id: people.id });
    if (!changed) throw new AppError("NOT_FOUND");
    if (input.disabled) {
      await tx
        .update(sessions)
        .set({ revokedAt: at, revokeReason: "person_disabled" })
        .where(and(eq(sessions.personId, input.personId), isNull(sessions.revokedAt)));
    }
    await recordAudit(tx, {
      action: input.disabled ? "admin.person_disabled" : "admin.person_enabled",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: input.personId,
      clientIp: request.ip,
    });
  });
}

/**
 * A new role; the person's sessions end so the new role (and its timeouts) applies at once. Not
 * your own. Granting agent or admin, or taking admin away, waits for a second administrator.
 */
export async function setRole(session: SessionContext, input: { personId: string; role: Role }, request: RequestInfo): Promise<ChangeOutcome> {
  if (input.personId === session.person.id) throw new AppError("ADMIN_SELF_CHANGE");
  const db = await getDb();
  const [before] = await db.select({ role: people.role }).from(people).where(eq(people.id, input.personId));
  if (!before) throw new AppError("NOT_FOUND");
  if (before.role === input.role) return { status: "applied" };
  return submitAdminChange(session, { kind: "set_role", personId: input.personId, from: before.role, to: input.role }, request);
}

/**
 * Records who a person's manager is (or clears it with an empty username): the manager is who the
 * helpdesk asks to confirm the person's identity when they have no usable method. A person is
 * never their own manager; not on your own account. Recording or changing a manager waits for a
 * second administrator; clearing it does not. Audited.
 */
export async function setManager(session: SessionContext, input: { personId: string; manager: string }, request: RequestInfo): Promise<ChangeOutcome> {
  if (input.personId === session.person.id) throw new AppError("ADMIN_SELF_CHANGE");
  const db = await getDb();
  const [person] = await db.select({ id: people.id, managerId: people.managerId }).from(people).where(eq(people.id, input.personId));
  if (!person) throw new AppError("NOT_FOUND");
  const [manager] = input.manager
    ? await db
        .select({ id: people.id, disabledAt: people.disabledAt })
        .from(people)
        .where(eq(people.username, normalizeUsername(input.manager)))
    : [];
  if (input.manager && !manager) throw new AppError("NOT_FOUND");
  if (manager?.id === person.id) throw new AppError("INPUT_INVALID");
  if (manager?.disabledAt) throw new AppError("ADMIN_APPROVAL_STALE");
  const managerId = manager?.id ?? null;
  if (managerId === person.managerId) return { status: "applied" };
  return submitAdminChange(session, { kind: "set_manager", personId: person.id, from: person.managerId, to: managerId }, request);
}
