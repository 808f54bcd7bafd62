import { and, desc, eq, isNull, ne } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { people, sessions, type Role } from "@/db/schema";
import { now } from "../core/clock";
import { recordAudit } from "../audit/record-audit";
import type { RequestInfo } from "../http/request-info";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { type Acr, type AmrLabel, amrLabels } from "./session-facts";
import { idleTimeoutSeconds, SESSION_ABSOLUTE_SECONDS, SESSION_TOUCH_EVERY_SECONDS } from "./session-rules";

export interface SessionContext {
  sessionId: string;
  displaySessionId: string;
  correlationId: string | null;
  person: { id: string; username: string; displayName: string; role: Role; locale: "nl" | "en" };
  createdAt: Date;
  factorVerifiedAt: Date | null;
}

type RevokeReason = "signed_out" | "signed_out_everywhere" | "idle_timeout" | "absolute_timeout" | "person_disabled" | "lost_phone" | "helpdesk";

/**
 * Checks a session record: revoked, idle too long, too old or person disabled means signed out
 * (and an expired record is revoked so it never comes back). Touches last-seen at most once a minute.
 */
export async function validateSession(sessionId: string): Promise<SessionContext | null> {
  const db = await getDb();
  const at = now();
  const [row] = await db.select({ session: sessions, person: people }).from(sessions).innerJoin(people, eq(people.id, sessions.personId)).where(eq(sessions.id, sessionId));
  if (!row || row.session.revokedAt) return null;
  const { session, person } = row;

  let expired: RevokeReason | null = null;
  if (person.disabledAt) expired = "person_disabled";
  else if (at.getTime() - session.createdAt.getTime() >= SESSION_ABSOLUTE_SECONDS * 1000) expired = "absolute_timeout";
  else if (at.getTime() - session.lastSeenAt.getTime() >= idleTimeoutSeconds(person.role) * 1000) expired = "idle_timeout";
  if (expired) {
    await db.transaction(async (tx) => {
      const [revoked] = await tx
        .update(sessions)
        .set({ revokedAt: at, revokeReason: expired })
        .where(and(eq(sessions.id, session.id), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      if (revoked && session.correlationId) {
        await recordSignInEvent(tx, {
          correlationId: session.correlationId,
          displaySessionId: session.displayId,
          personId: person.id,
          step: "session_timeout",
          result: "info",
          detail: { reason: expired },
        });
      }
    });
    return null;
  }

  if (at.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_EVERY_SECONDS * 1000) {
    await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, session.id));
  }
  return {
    sessionId: session.id,
    displaySessionId: session.displayId,
    correlationId: session.correlationId,
    person: { id: person.id, username: person.username, displayName: person.displayName, role: person.role, locale: person.locale },
    createdAt: session.createdAt,
    factorVerifiedAt: session.factorVerifiedAt,
  };
}

/** Signs one session out. */
export async function revokeSession(sessionId: string, request: RequestInfo | null): Promise<void> {
  const db = await getDb();
  const at = now();
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(sessions)
      .set({ revokedAt: at, revokeReason: "signed_out" })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
      .returning();
    if (revoked?.correlationId) {
      await recordSignInEvent(tx, {
        correlationId: revoked.correlationId,
        displaySessionId: revoked.displayId,
        personId: revoked.personId,
        step: "sign_out",
        result: "success",
        clientIp: request?.ip ?? null,
        userAgent: request?.userAgent ?? null,
      });
    }
  });
}

/** Signs every session of the person out (this one included); audited. Returns how many. */
export async function revokeAllSessions(session: SessionContext, request: RequestInfo): Promise<number> {
  const db = await getDb();
  const at = now();
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: at, revokeReason: "signed_out_everywhere" })
      .where(and(eq(sessions.personId, session.person.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await recordAudit(tx, {
      action: "session.signed_out_everywhere",
      actorKind: "person",
      actorPersonId: session.person.id,
      targetPersonId: session.person.id,
      correlationId: session.correlationId,
      clientIp: request.ip,
      detail: { sessionsEnded: revoked.length },
    });
    if (session.correlationId) {
      await recordSignInEvent(tx, {
        correlationId: session.correlationId,
        displaySessionId: session.displaySessionId,
        personId: session.person.id,
        step: "sign_out_everywhere",
        result: "success",
        clientIp: request.ip,
        userAgent: request.userAgent,
        detail: { sessionsEnded: revoked.length },
      });
    }
    return revoked.length;
  });
}

/** Signs out every session of a person (the helpdesk's resets), in the caller's transaction. Returns how many. */
export async function revokeSessionsOf(tx: Executor, personId: string, reason: RevokeReason, at: Date): Promise<number> {
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: at, revokeReason: reason })
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}

/** Signs out every other session of the person (this one stays), in the caller's transaction. */
export async function revokeOtherSessions(tx: Executor, session: SessionContext, reason: RevokeReason, at: Date): Promise<number> {
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: at, revokeReason: reason })
    .where(and(eq(sessions.personId, session.person.id), isNull(sessions.revokedAt), ne(sessions.id, session.sessionId)))
    .returning({ id: sessions.id });
  return revoked.length;
}

export interface SessionListItem {
  displayId: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  clientIp: string | null;
  current: boolean;
  /** How the person signed in (session-facts.ts): the amr values, what security info names for them, the assurance and when. */
  amr: string[];
  methods: AmrLabel[];
  acr: Acr | null;
  authTime: Date | null;
}

/** The person's active sessions, newest first (display IDs only, never record keys). */
export async function listActiveSessions(session: SessionContext): Promise<SessionListItem[]> {
  const db = await getDb();
  const at = now();
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.personId, session.person.id), isNull(sessions.revokedAt)))
    .orderBy(desc(sessions.createdAt))
    .limit(50);
  const idle = idleTimeoutSeconds(session.person.role) * 1000;
  return rows
    .filter((r) => at.getTime() - r.lastSeenAt.getTime() < idle && at.getTime() - r.createdAt.getTime() < SESSION_ABSOLUTE_SECONDS * 1000)
    .map((r) => ({
      displayId: r.displayId,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      userAgent: r.userAgent,
      clientIp: r.clientIp,
      current: r.id === session.sessionId,
      amr: r.amr,
      methods: amrLabels(r.amr),
      acr: r.acr,
      authTime: r.authTime,
    }));
}
