import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { people, sessions, type Role } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { SessionContext } from "../auth/sessions";
import { now } from "../clock";
import { enqueueMessage } from "../delivery/enqueue";
import { AppError } from "../errors";
import type { RequestInfo } from "../http/request-info";
import { createEnrolmentLink } from "../setup/enrolment-links";
import { parseCsv } from "./csv-parse";
import { normalizeUsername } from "../people/username";
import { newPersonInput, type NewPersonInput } from "./people.schemas";

async function organisationOf(db: Executor, session: SessionContext): Promise<string> {
  const [me] = await db.select({ organisationId: people.organisationId }).from(people).where(eq(people.id, session.person.id));
  return me!.organisationId;
}

/** Creates one person (no password yet) and emails them a one-time enrolment link. Audited. */
async function createOne(tx: Executor, session: SessionContext, organisationId: string, input: NewPersonInput, request: RequestInfo, at: Date): Promise<void> {
  const [person] = await tx
    .insert(people)
    .values({ organisationId, username: input.username, displayName: input.displayName, email: input.email, locale: input.locale, role: input.role, createdAt: at })
    .returning({ id: people.id });
  const link = await createEnrolmentLink(tx, { personId: person!.id, locale: input.locale, actorKind: "staff", actorPersonId: session.person.id });
  await enqueueMessage(tx, {
    channel: "email",
    recipient: input.email,
    personId: person!.id,
    locale: input.locale,
    template: "enrolment_link",
    params: { name: input.displayName, link: link.url },
  });
  await recordAudit(tx, {
    action: "admin.person_created",
    actorKind: "staff",
    actorPersonId: session.person.id,
    targetPersonId: person!.id,
    clientIp: request.ip,
    detail: { username: input.username, role: input.role },
  });
}

export async function createPerson(session: SessionContext, input: NewPersonInput, request: RequestInfo): Promise<{ username: string }> {
  const db = await getDb();
  const organisationId = await organisationOf(db, session);
  const [taken] = await db.select({ id: people.id }).from(people).where(eq(people.username, input.username));
  if (taken) throw new AppError("PERSON_EXISTS");
  await db.transaction((tx) => createOne(tx, session, organisationId, input, request, now()));
  return { username: input.username };
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
 * reports every bad row (format, duplicates in the file, usernames already taken, a manager nobody
 * knows or the person themselves) and writes nothing; the real run creates everyone in one
 * transaction, or, if any row is bad, no one.
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
  const managers = new Map<string, { manager: string; line: number }>();
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
      // The optional manager column: someone already here, or in this file.
      const manager = normalizeUsername(value("manager"));
      if (manager === candidate.data.username) {
        problems.push({ line: row.line, field: "manager", problem: "manager_self" });
        continue;
      }
      seen.set(candidate.data.username, row.line);
      valid.push(candidate.data);
      if (manager) managers.set(candidate.data.username, { manager, line: row.line });
    }
    const outside = [...new Set([...managers.values()].map((m) => m.manager).filter((m) => !seen.has(m)))];
    const known = new Set(
      outside.length ? (await db.select({ username: people.username }).from(people).where(inArray(people.username, outside))).map((p) => p.username) : [],
    );
    for (const { manager, line } of managers.values()) {
      if (!seen.has(manager) && !known.has(manager)) problems.push({ line, field: "manager", problem: "manager_unknown" });
    }
    const taken = valid.length
      ? await db.select({ username: people.username }).from(people).where(inArray(people.username, valid.map((v) => v.username)))
      : [];
    for (const { username } of taken) problems.push({ line: seen.get(username)!, field: "username", problem: "exists" });
  }
  problems.sort((a, b) => a.line - b.line);
  const report: ImportReport = { rows: rows.length, valid: valid.length - problems.filter((p) => p.problem === "exists").length, problems, created: 0 };
  if (input.dryRun || problems.length > 0) return report;
  const organisationId = await organisationOf(db, session);
  const at = now();
  await db.transaction(async (tx) => {
    for (const person of valid) await createOne(tx, session, organisationId, person, request, at);
    for (const [username, { manager }] of managers) {
      const [boss] = await tx.select({ id: people.id }).from(people).where(eq(people.username, manager));
      await tx.update(people).set({ managerId: boss!.id }).where(eq(people.username, username));
    }
    await recordAudit(tx, {
      action: "admin.people_imported",
      actorKind: "staff",
      actorPersonId: session.person.id,
      clientIp: request.ip,
      detail: { created: valid.length, managers: managers.size },
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
    const [changed] = await tx.update(people).set({ disabledAt: input.disabled ? at : null }).where(eq(people.id, input.personId)).returning({ id: people.id });
    if (!changed) throw new AppError("NOT_FOUND");
    if (input.disabled) {
      await tx.update(sessions).set({ revokedAt: at, revokeReason: "person_disabled" }).where(and(eq(sessions.personId, input.personId), isNull(sessions.revokedAt)));
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

/** A new role; the person's sessions end so the new role (and its timeouts) applies at once. Not your own. */
export async function setRole(session: SessionContext, input: { personId: string; role: Role }, request: RequestInfo): Promise<void> {
  if (input.personId === session.person.id) throw new AppError("ADMIN_SELF_CHANGE");
  const db = await getDb();
  const at = now();
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ role: people.role }).from(people).where(eq(people.id, input.personId));
    if (!before) throw new AppError("NOT_FOUND");
    if (before.role === input.role) return;
    await tx.update(people).set({ role: input.role }).where(eq(people.id, input.personId));
    await tx.update(sessions).set({ revokedAt: at, revokeReason: "role_changed" }).where(and(eq(sessions.personId, input.personId), isNull(sessions.revokedAt)));
    await recordAudit(tx, {
      action: "admin.role_changed",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: input.personId,
      clientIp: request.ip,
      detail: { from: before.role, to: input.role },
    });
  });
}

/**
 * Records who a person's manager is (or clears it with an empty username): the manager is who the
 * helpdesk asks to confirm the person's identity when they have no usable method. A person is
 * never their own manager. Audited.
 */
export async function setManager(session: SessionContext, input: { personId: string; manager: string }, request: RequestInfo): Promise<void> {
  const db = await getDb();
  const [person] = await db.select({ id: people.id, managerId: people.managerId }).from(people).where(eq(people.id, input.personId));
  if (!person) throw new AppError("NOT_FOUND");
  const [manager] = input.manager ? await db.select({ id: people.id }).from(people).where(eq(people.username, normalizeUsername(input.manager))) : [];
  if (input.manager && !manager) throw new AppError("NOT_FOUND");
  if (manager?.id === person.id) throw new AppError("INPUT_INVALID");
  const managerId = manager?.id ?? null;
  if (managerId === person.managerId) return;
  await db.transaction(async (tx) => {
    await tx.update(people).set({ managerId }).where(eq(people.id, person.id));
    await recordAudit(tx, {
      action: "admin.manager_set",
      actorKind: "staff",
      actorPersonId: session.person.id,
      targetPersonId: person.id,
      clientIp: request.ip,
      detail: { from: person.managerId, to: managerId },
    });
  });
}
