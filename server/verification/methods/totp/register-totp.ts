import { and, eq, isNull } from "drizzle-orm";
import QRCode from "qrcode";
import type { Executor } from "@/db/client";
import { mfaMethods, organisations, people, totpCredentials } from "@/db/schema";
import { AppError } from "../../../core/errors";
import { methodAdded } from "../method-added";
import { consumeTotpStep, pendingTotpMethod } from "./totp-methods";
import { base32Encode } from "../../../crypto/base32";
import { newTotpSeed, otpauthFor, sealTotpSeed } from "./totp-secrets";
import { checkTotpCode } from "./verify-totp-code";

/** A registration in progress is abandoned after 10 minutes. */
export const REGISTRATION_TTL_SECONDS = 10 * 60;

export interface TotpSetup {
  methodId: string;
  issuer: string;
  accountName: string;
  otpauthUri: string;
  manualKey: string;
  /** The QR code as an SVG data URL (made here, so no third party ever sees the secret). */
  qrDataUrl: string;
}

type Owner = { attemptId: string } | { sessionId: string };

/**
 * Starts (or resumes) an authenticator registration for its owner (a sign-in attempt or a
 * session): a fresh 160-bit seed, sealed at rest, shown once as a QR code and as a key to type.
 */
export async function beginTotpRegistration(db: Executor, input: { personId: string; owner: Owner; at: Date }): Promise<TotpSetup> {
  const ownerColumn = "attemptId" in input.owner ? mfaMethods.registrationAttemptId : mfaMethods.registrationSessionId;
  const ownerId = "attemptId" in input.owner ? input.owner.attemptId : input.owner.sessionId;
  const [person] = await db
    .select({ username: people.username, organisation: organisations.name })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, input.personId));
  if (!person) throw new AppError("SIGN_IN_ATTEMPT_EXPIRED");

  // One registration in progress per owner: starting again replaces the previous secret.
  await db
    .update(mfaMethods)
    .set({ removedAt: input.at })
    .where(and(eq(mfaMethods.personId, input.personId), eq(ownerColumn, ownerId), isNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)));
  const seed = newTotpSeed();
  const [method] = await db
    .insert(mfaMethods)
    .values({
      personId: input.personId,
      kind: "totp",
      label: "Authenticator app",
      createdAt: input.at,
      registrationAttemptId: "attemptId" in input.owner ? input.owner.attemptId : null,
      registrationSessionId: "sessionId" in input.owner ? input.owner.sessionId : null,
    })
    .returning({ id: mfaMethods.id });
  await db.insert(totpCredentials).values({ methodId: method!.id, secretEnvelope: sealTotpSeed(input.personId, method!.id, seed) });

  const { uri, manualKey } = otpauthFor({ issuer: person.organisation, accountName: person.username, seed });
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    methodId: method!.id,
    issuer: person.organisation,
    accountName: person.username,
    otpauthUri: uri,
    manualKey,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

export type ConfirmOutcome = { ok: true; methodId: string } | { ok: false; code: "MFA_CODE_MALFORMED" | "MFA_CODE_INVALID" | "MFA_CLOCK_DRIFT"; offsetSeconds?: number };

/**
 * Confirms a registration with the first code the app shows. That code is consumed (its time step
 * is stored), so it cannot also pass the next sign-in.
 */
export async function confirmTotpRegistration(
  db: Executor,
  input: { personId: string; owner: Owner; methodId: string; code: string; at: Date; actor: "person"; correlationId: string | null; clientIp: string | null },
): Promise<ConfirmOutcome> {
  const pending = await pendingTotpMethod(db, input.personId, input.methodId);
  const [row] = await db.select().from(mfaMethods).where(eq(mfaMethods.id, input.methodId));
  const ownerMatches = row && ("attemptId" in input.owner ? row.registrationAttemptId === input.owner.attemptId : row.registrationSessionId === input.owner.sessionId);
  if (!pending || !row || !ownerMatches || input.at.getTime() - row.createdAt.getTime() > REGISTRATION_TTL_SECONDS * 1000) {
    throw new AppError("MFA_REGISTRATION_EXPIRED");
  }
  const check = await checkTotpCode(pending.parameters, input.code, input.at, null);
  if (check.kind === "malformed") return { ok: false, code: "MFA_CODE_MALFORMED" };
  if (check.kind === "drift") return { ok: false, code: "MFA_CLOCK_DRIFT", offsetSeconds: check.offsetSeconds };
  if (check.kind !== "match" || !(await consumeTotpStep(db, input.methodId, check.timeStep))) return { ok: false, code: "MFA_CODE_INVALID" };
  await db.update(mfaMethods).set({ confirmedAt: input.at, lastUsedAt: input.at }).where(eq(mfaMethods.id, input.methodId));
  await methodAdded(db, {
    personId: input.personId,
    methodId: input.methodId,
    actor: { kind: input.actor, personId: input.personId },
    correlationId: input.correlationId,
    clientIp: input.clientIp,
  });
  return { ok: true, methodId: input.methodId };
}

/** An app's codes set up by another method's activation (the push authenticator), shown once to that app. */
export interface LinkedTotpSetup {
  methodId: string;
  issuer: string;
  accountName: string;
  otpauthUri: string;
  /** The seed in base32, for the app to keep (it never leaves this answer otherwise). */
  secret: string;
  algorithm: "SHA1";
  digits: 6;
  period: 30;
}

/**
 * A confirmed authenticator-code method for an app that proved itself another way (the push
 * authenticator's activation code, in the caller's transaction): a fresh 160-bit seed, sealed at
 * rest, returned once so the app shows codes offline. The caller audits and notifies.
 */
export async function addLinkedTotpMethod(db: Executor, input: { personId: string; nickname: string | null; at: Date }): Promise<LinkedTotpSetup> {
  const [person] = await db
    .select({ username: people.username, organisation: organisations.name })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, input.personId));
  if (!person) throw new AppError("NOT_FOUND");
  const seed = newTotpSeed();
  const [method] = await db
    .insert(mfaMethods)
    .values({ personId: input.personId, kind: "totp", label: "Authenticator app", nickname: input.nickname, createdAt: input.at, confirmedAt: input.at })
    .returning({ id: mfaMethods.id });
  await db.insert(totpCredentials).values({ methodId: method!.id, secretEnvelope: sealTotpSeed(input.personId, method!.id, seed) });
  const { uri } = otpauthFor({ issuer: person.organisation, accountName: person.username, seed });
  return {
    methodId: method!.id,
    issuer: person.organisation,
    accountName: person.username,
    otpauthUri: uri,
    secret: base32Encode(seed),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  };
}
