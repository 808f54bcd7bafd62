import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { enrolmentLinks, people } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { addSeconds, now } from "../core/clock";
import { hashPassword } from "../crypto/password-hash";
import { keyedHash } from "../crypto/keyed-hash";
import { randomToken } from "../crypto/random";
import { getEnv } from "../core/env";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { assertAcceptablePassword } from "../people/password-policy";

export const ENROLMENT_LINK_TTL_SECONDS = 60 * 60;
const DOMAIN = "enrolment-link";

/**
 * A one-time enrolment link (1 h). The token travels in the URL fragment, so it never reaches a
 * server log or a Referer header; only its keyed hash is stored.
 */
export async function createEnrolmentLink(
  db: Executor,
  input: { personId: string; locale: "nl" | "en"; actorKind: "setup" | "staff"; actorPersonId?: string },
): Promise<{ url: string; expiresAt: Date }> {
  const token = randomToken();
  const at = now();
  const expiresAt = addSeconds(at, ENROLMENT_LINK_TTL_SECONDS);
  await db.insert(enrolmentLinks).values({ personId: input.personId, tokenHash: keyedHash(DOMAIN, token), createdAt: at, expiresAt });
  await recordAudit(db, {
    action: "enrolment.link_created",
    actorKind: input.actorKind,
    actorPersonId: input.actorPersonId ?? null,
    targetPersonId: input.personId,
    detail: { expiresAt: expiresAt.toISOString() },
  });
  const url = new URL(`/${input.locale}/enrol`, getEnv().publicUrl);
  url.hash = token;
  return { url: url.toString(), expiresAt };
}

async function findUsableLink(db: Executor, token: string) {
  const [row] = await db
    .select({ link: enrolmentLinks, person: people })
    .from(enrolmentLinks)
    .innerJoin(people, eq(people.id, enrolmentLinks.personId))
    .where(and(eq(enrolmentLinks.tokenHash, keyedHash(DOMAIN, token)), isNull(enrolmentLinks.usedAt), gt(enrolmentLinks.expiresAt, now())));
  return row ?? null;
}

/** Who a link is for, so the page can greet them; unknown, used and expired links look alike. */
export async function inspectEnrolmentLink(token: string): Promise<{ displayName: string; username: string; expiresAt: Date }> {
  const row = await findUsableLink(await getDb(), token);
  if (!row) throw new AppError("ENROLMENT_LINK_INVALID");
  return { displayName: row.person.displayName, username: row.person.username, expiresAt: row.link.expiresAt };
}

/** Sets the person's first password and uses the link up (atomically: a link works once). */
export async function redeemEnrolmentLink(input: { token: string; password: string }, request: RequestInfo): Promise<{ username: string }> {
  const db = await getDb();
  const found = await findUsableLink(db, input.token);
  if (!found) throw new AppError("ENROLMENT_LINK_INVALID");
  assertAcceptablePassword(input.password, found.person.username);
  const passwordHash = await hashPassword(input.password);
  const at = now();
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(enrolmentLinks)
      .set({ usedAt: at })
      .where(and(eq(enrolmentLinks.id, found.link.id), isNull(enrolmentLinks.usedAt), gt(enrolmentLinks.expiresAt, at)))
      .returning({ personId: enrolmentLinks.personId });
    if (!used) throw new AppError("ENROLMENT_LINK_INVALID");
    await tx.update(people).set({ passwordHash, passwordChangedAt: at }).where(eq(people.id, used.personId));
    await recordAudit(tx, {
      action: "enrolment.password_set",
      actorKind: "person",
      actorPersonId: used.personId,
      targetPersonId: used.personId,
      clientIp: request.ip,
    });
    return { username: found.person.username };
  });
}
