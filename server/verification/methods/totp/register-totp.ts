import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import { mfaMethods, organisations, people, totpCredentials } from "@/db/schema";
import type { Executor } from "@/db/client";
import { AppError } from "../../../core/errors";
import type { EnrolPart } from "../method";
import { markConfirmed, pendingRegistration, startRegistration } from "../pending-registrations";
import { totpFailure } from "./totp-failures";
import { consumeTotpStep, pendingTotpMethod } from "./totp-methods";
import { base32Encode } from "../../../crypto/base32";
import { newTotpSeed, otpauthFor, sealTotpSeed } from "./totp-secrets";
import { checkTotpCode } from "./verify-totp-code";

/** What the setup page shows to add the app: the QR code and the key to type by hand. */
export interface TotpShown {
  issuer: string;
  accountName: string;
  otpauthUri: string;
  manualKey: string;
  /** The QR code as an SVG data URL (made here, so no third party ever sees the secret). */
  qrDataUrl: string;
}

/** A begun app registration as the setup page gets it. */
export type TotpSetup = { methodId: string } & TotpShown;

/** Registering an authenticator app: nothing to ask first. */
export type TotpEnrolInput = Record<string, never>;

export const totpEnrolment: EnrolPart<TotpEnrolInput, TotpShown> = {
  channel: "totp",

  /**
   * Starts (or restarts) an app registration for its owner: a fresh 160-bit seed, sealed at rest,
   * shown once as a QR code and as a key to type.
   */
  async begin(tx, context) {
    const [person] = await tx
      .select({ username: people.username, organisation: organisations.name })
      .from(people)
      .innerJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(people.id, context.personId));
    if (!person) throw new AppError("SIGN_IN_ATTEMPT_EXPIRED");

    const methodId = await startRegistration(tx, context, { kind: "totp", label: "Authenticator app", abandons: "any_kind" });
    const seed = newTotpSeed();
    await tx.insert(totpCredentials).values({ methodId, secretEnvelope: sealTotpSeed(context.personId, methodId, seed) });

    const { uri, manualKey } = otpauthFor({ issuer: person.organisation, accountName: person.username, seed });
    const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    return {
      methodId,
      shown: {
        issuer: person.organisation,
        accountName: person.username,
        otpauthUri: uri,
        manualKey,
        qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
      },
      messageId: null,
      facts: {},
    };
  },

  /**
   * The first code the app shows confirms it. That code is consumed (its time step is stored), so
   * it cannot also pass the next sign-in; a code whose step was just taken by a concurrent
   * confirmation is a wrong code.
   */
  async confirm(tx, context, { methodId, response }) {
    const pending = await pendingTotpMethod(tx, context.personId, methodId);
    await pendingRegistration(tx, context, methodId);
    if (!pending) throw new AppError("MFA_REGISTRATION_EXPIRED");
    const check = await checkTotpCode(pending.parameters, response, context.at, null);
    if (check.kind !== "match") return totpFailure(check);
    if (!(await consumeTotpStep(tx, methodId, check.timeStep))) return totpFailure({ kind: "wrong" });
    await markConfirmed(tx, methodId, context.at);
    return { ok: true, methodId };
  },
};

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
