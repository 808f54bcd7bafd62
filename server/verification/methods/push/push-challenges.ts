/**
 * Push requests with number matching (issue 12, PRODUCT.md "Push"): the sign-in page shows a number
 * (2 digits by default, up to 6, policy), the authenticator shows the organisation, the app, the
 * browser, the address and the time, and approves only with that number typed in; it never
 * approves with one tap. A request can be answered for 120 s (policy, MFA_PUSH_TIMEOUT); a new
 * request for the same sign-in closes the older one. Push fatigue: at most 3 requests per
 * 10 minutes without a success (MFA_PUSH_LIMIT). State lives in the database, so the device's
 * answer and the sign-in page's polling may reach different instances.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, isNull, max } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { organisations, people, pushChallenges, type PushChallengeStatus } from "@/db/schema";
import { addSeconds } from "../../../core/clock";
import { keyedHash, keyedHashEquals } from "../../../crypto/keyed-hash";
import { randomDigits, randomToken } from "../../../crypto/random";
import { browserName } from "../../../http/browser-name";
import { translate } from "../../../i18n/translate";
import { getPolicy } from "../../../policy/policy";
import { recordSignInEvent } from "../../../sign-in-log/record-sign-in-event";
import type { ChallengeFacts, ChallengeResult, FactorContext, MethodRow } from "../method";
import { notifyDevice } from "./device-events";

export const PUSH_FATIGUE = { maxRequests: 3, windowSeconds: 10 * 60 } as const;

export type PushChallenge = typeof pushChallenges.$inferSelect;
/** A request's state now: its status, or "expired" for one still pending past its time. */
export type PushState = PushChallengeStatus | "expired";

const numberDomain = (challengeId: string) => `push-number:${challengeId}`;

export function pushStateAt(challenge: Pick<PushChallenge, "status" | "expiresAt">, at: Date): PushState {
  return challenge.status === "pending" && challenge.expiresAt.getTime() <= at.getTime() ? "expired" : challenge.status;
}

export function numberMatches(challenge: Pick<PushChallenge, "id" | "numberHash">, typed: string): boolean {
  return typed !== "" && keyedHashEquals(numberDomain(challenge.id), typed, challenge.numberHash);
}

/**
 * Push fatigue: the requests since the person's last approved one, within 10 minutes. Three of
 * them and the next waits until the oldest of the three is 10 minutes old.
 */
export async function pushFatigue(db: Executor, personId: string, at: Date): Promise<{ retryAfterSeconds: number } | null> {
  const since = addSeconds(at, -PUSH_FATIGUE.windowSeconds);
  const [success] = await db
    .select({ at: max(pushChallenges.answeredAt) })
    .from(pushChallenges)
    .where(and(eq(pushChallenges.personId, personId), eq(pushChallenges.status, "approved")));
  const from = success?.at && success.at > since ? success.at : since;
  const recent = await db
    .select({ createdAt: pushChallenges.createdAt })
    .from(pushChallenges)
    .where(and(eq(pushChallenges.personId, personId), gt(pushChallenges.createdAt, from)))
    .orderBy(asc(pushChallenges.createdAt));
  if (recent.length < PUSH_FATIGUE.maxRequests) return null;
  const freesAt = addSeconds(recent[recent.length - PUSH_FATIGUE.maxRequests]!.createdAt, PUSH_FATIGUE.windowSeconds);
  return { retryAfterSeconds: Math.max(1, Math.ceil((freesAt.getTime() - at.getTime()) / 1000)) };
}

/**
 * Sends a push request to the method's device for this owner, in one transaction that holds the
 * person's row (so two sign-ins at once cannot both pass the fatigue limit), and tells the device
 * when it commits (notifyDevice). The sign-in's events get the request and its delivery ("sent to
 * the app"); the number is only in the answer to the sign-in page.
 */
export async function sendPushChallenge(
  db: Executor,
  context: FactorContext,
  row: MethodRow,
  record?: (tx: Executor, facts: ChallengeFacts) => Promise<void>,
): Promise<ChallengeResult> {
  const device = row.push;
  const [person] = await db
    .select({ organisationId: people.organisationId, organisation: organisations.name })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, context.personId));
  const policy = await getPolicy(db, person!.organisationId);
  const id = randomUUID();
  if (!device || device.suspendedAt) return { status: "failed", messageId: id, expiresInSeconds: 0, matchNumber: null };
  return db.transaction(async (tx) => {
    await tx.select({ id: people.id }).from(people).where(eq(people.id, context.personId)).for("update");
    const limited = await pushFatigue(tx, context.personId, context.at);
    if (limited) return { status: "throttled", retryAfterSeconds: limited.retryAfterSeconds, code: "MFA_PUSH_LIMIT" };
    // Only the newest request of a sign-in can be answered; the older one closes, never counted.
    await tx
      .update(pushChallenges)
      .set({ expiresAt: context.at, countedAt: context.at })
      .where(and(eq(pushChallenges.ownerId, context.ownerId), eq(pushChallenges.status, "pending"), gt(pushChallenges.expiresAt, context.at)));
    const number = randomDigits(policy.pushNumberDigits);
    const expiresAt = addSeconds(context.at, policy.pushTimeoutSeconds);
    await tx.insert(pushChallenges).values({
      id,
      personId: context.personId,
      methodId: row.method.id,
      ownerId: context.ownerId,
      purpose: context.purpose,
      numberHash: keyedHash(numberDomain(id), number),
      numberDigits: policy.pushNumberDigits,
      nonce: randomToken(18),
      context: {
        organisation: person!.organisation,
        app: translate("en", "app.name"),
        browser: browserName(context.userAgent ?? null),
        ip: context.clientIp,
        at: context.at.toISOString(),
      },
      createdAt: context.at,
      expiresAt,
    });
    await record?.(tx, { challengeId: id, deviceId: device.methodId, expiresAt: expiresAt.toISOString() });
    await recordPushDelivery(tx, { correlationId: context.correlationId, personId: context.personId, challengeId: id, status: "notified" });
    await notifyDevice(tx, { deviceId: device.methodId, type: "challenge", challengeId: id });
    return { status: "sent", messageId: id, expiresInSeconds: policy.pushTimeoutSeconds, matchNumber: number };
  });
}

/** Where a push request got to, for the sign-in's events (delivery status: sent to the app, shown on the device, answered). */
export async function recordPushDelivery(
  db: Executor,
  input: { correlationId: string | null; personId: string; challengeId: string; status: "notified" | "shown" | "answered"; decision?: string },
): Promise<void> {
  if (!input.correlationId) return;
  await recordSignInEvent(db, {
    correlationId: input.correlationId,
    personId: input.personId,
    step: "delivery",
    method: "push",
    result: "success",
    detail: { status: input.status, challengeId: input.challengeId, ...(input.decision ? { decision: input.decision } : {}) },
  });
}

export async function latestPushChallenge(db: Executor, ownerId: string, purpose: FactorContext["purpose"]): Promise<PushChallenge | null> {
  const [challenge] = await db
    .select()
    .from(pushChallenges)
    .where(and(eq(pushChallenges.ownerId, ownerId), eq(pushChallenges.purpose, purpose)))
    .orderBy(desc(pushChallenges.createdAt))
    .limit(1);
  return challenge ?? null;
}

/** Marks a request's failure as counted toward the lockout; true only the first time. */
export async function markPushCounted(db: Executor, challengeId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(pushChallenges)
    .set({ countedAt: at })
    .where(and(eq(pushChallenges.id, challengeId), isNull(pushChallenges.countedAt)))
    .returning({ id: pushChallenges.id });
  return rows.length === 1;
}

/** Uses an approval up: true only once, for the poll that completes the sign-in. */
export async function consumeApproval(db: Executor, challengeId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(pushChallenges)
    .set({ consumedAt: at })
    .where(and(eq(pushChallenges.id, challengeId), eq(pushChallenges.status, "approved"), isNull(pushChallenges.consumedAt)))
    .returning({ id: pushChallenges.id });
  return rows.length === 1;
}
