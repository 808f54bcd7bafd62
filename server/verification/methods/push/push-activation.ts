/**
 * Adding the authenticator on a device ("receive notifications", seed 003), as a begin and a
 * confirm (the method contract's enrolment shape):
 *
 * - begin: a pending push method and an activation: a one-time code of 15 digits (49.8 bits: at
 *   least 40, PRODUCT.md; digits because it may be typed on a phone's number pad, shown in groups
 *   of three), valid 10 minutes and for 5 tries per activation ID; a QR code with the
 *   authenticator's add-an-account address that carries the activation URL and the code (in the
 *   fragment, so no server log ever holds the code), and both to type by hand.
 * - confirm (the device, POST /api/authenticator/activate): the right code activates the device,
 *   registering only its public key; it confirms the push method and adds a confirmed
 *   authenticator-code method on the same device (the totp module's own function), whose secret
 *   is in this answer only, so the app shows codes offline. Audit row and notice as every method
 *   added (method-added.ts).
 *
 * The activation ID is a readable ID ("7KQ3-M2XD-9PTA", 60 bits): it is in the activation URL
 * and may be typed; guessing one to try codes against is hopeless, and each allows 5 tries.
 */
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import QRCode from "qrcode";
import type { Executor } from "@/db/client";
import { mfaMethods, organisations, people, pushActivations, pushDevices } from "@/db/schema";
import { addSeconds } from "../../../core/clock";
import { getEnv } from "../../../core/env";
import { AppError } from "../../../core/errors";
import { keyedHash, keyedHashEquals } from "../../../crypto/keyed-hash";
import { normalizeReadable, randomDigitString, readableId } from "../../../crypto/random";
import { AUTHENTICATOR_PATH, authenticatorOrigin } from "../../../http/authenticator-origin";
import { methodAdded } from "../method-added";
import { addLinkedTotpMethod, type LinkedTotpSetup } from "../totp/register-totp";
import { importDeviceKey } from "./device-signature";
import type { ActivateInput } from "./push.schemas";

export const ACTIVATION = { ttlSeconds: 10 * 60, maxTries: 5, codeDigits: 15 } as const;
export const ACTIVATE_PATH = "/api/authenticator/activate";
export const AUTHENTICATOR_ADD_PATH = `${AUTHENTICATOR_PATH}/add`;

type Owner = { attemptId: string } | { sessionId: string };

export interface PushActivationSetup {
  methodId: string;
  activationId: string;
  /** Where the device activates: this server's activation address with the activation ID. */
  activationUrl: string;
  /** The code as shown: 15 digits in groups of three. */
  code: string;
  /** What the QR code holds: the authenticator's add-an-account page, with the URL and code in the fragment. */
  qrPayload: string;
  qrDataUrl: string;
  /** Where the companion authenticator is, to open on the phone. */
  appUrl: string;
  expiresInSeconds: number;
  issuer: string;
  accountName: string;
}

const codeDomain = (activationId: string) => `push-activation:${activationId}`;
const grouped = (digits: string) => digits.replace(/(\d{3})(?=\d)/g, "$1 ");

/** The activation URL of an activation ID. */
export function activationUrlFor(activationId: string): string {
  return new URL(`${ACTIVATE_PATH}/${activationId}`, getEnv().publicUrl).toString();
}

/** The activation ID in a URL or as typed (any case, with or without dashes), or null. */
export function activationIdOf(input: { activationUrl?: string; activationId?: string }): string | null {
  let typed = input.activationId;
  if (input.activationUrl) {
    const url = new URL(input.activationUrl);
    if (url.origin !== getEnv().publicUrl.origin || !url.pathname.startsWith(`${ACTIVATE_PATH}/`)) return null;
    typed = decodeURIComponent(url.pathname.slice(ACTIVATE_PATH.length + 1));
  }
  const chars = normalizeReadable(typed ?? "");
  return chars.length === 12 ? `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}` : null;
}

export async function beginPushActivation(db: Executor, input: { personId: string; owner: Owner; at: Date }): Promise<PushActivationSetup> {
  const ownerColumn = "attemptId" in input.owner ? mfaMethods.registrationAttemptId : mfaMethods.registrationSessionId;
  const ownerId = "attemptId" in input.owner ? input.owner.attemptId : input.owner.sessionId;
  const [person] = await db
    .select({ username: people.username, organisation: organisations.name })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, input.personId));
  if (!person) throw new AppError("NOT_FOUND");
  // One activation in progress per owner: starting again ends the previous one.
  await db
    .update(mfaMethods)
    .set({ removedAt: input.at })
    .where(and(eq(mfaMethods.personId, input.personId), eq(mfaMethods.kind, "push"), eq(ownerColumn, ownerId), isNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)));
  const [method] = await db
    .insert(mfaMethods)
    .values({
      personId: input.personId,
      kind: "push",
      label: "Authenticator app (notifications)",
      createdAt: input.at,
      registrationAttemptId: "attemptId" in input.owner ? input.owner.attemptId : null,
      registrationSessionId: "sessionId" in input.owner ? input.owner.sessionId : null,
    })
    .returning({ id: mfaMethods.id });
  const activationId = readableId();
  const code = randomDigitString(ACTIVATION.codeDigits);
  await db.insert(pushActivations).values({
    id: activationId,
    methodId: method!.id,
    personId: input.personId,
    codeHash: keyedHash(codeDomain(activationId), code),
    createdAt: input.at,
    expiresAt: addSeconds(input.at, ACTIVATION.ttlSeconds),
  });
  const activationUrl = activationUrlFor(activationId);
  const qrPayload = `${new URL(AUTHENTICATOR_ADD_PATH, authenticatorOrigin(getEnv())).toString()}#${new URLSearchParams({ url: activationUrl, code }).toString()}`;
  const svg = await QRCode.toString(qrPayload, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    methodId: method!.id,
    activationId,
    activationUrl,
    code: grouped(code),
    qrPayload,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    appUrl: new URL(AUTHENTICATOR_PATH, authenticatorOrigin(getEnv())).toString(),
    expiresInSeconds: ACTIVATION.ttlSeconds,
    issuer: person.organisation,
    accountName: person.username,
  };
}

/** What the device keeps: its ID (it signs with it), whose account this is, and the app's codes. */
export interface ActivatedDevice {
  deviceId: string;
  /** The server the device talks to (the activation URL's origin). */
  server: string;
  account: { organisation: string; username: string; displayName: string };
  codes: LinkedTotpSetup;
}

/**
 * The device's activation: one try counted per call (atomically, so 5 at once count 5), then the
 * code checked; a right code is used once. Refusals: MFA_ACTIVATION_EXPIRED (unknown, expired,
 * used, out of tries, or started again since), MFA_ACTIVATION_CODE_WRONG (with the tries left),
 * INPUT_INVALID (a key that is not a P-256 point).
 */
export async function confirmPushActivation(db: Executor, input: ActivateInput & { at: Date; correlationId: string | null; clientIp: string | null }): Promise<ActivatedDevice> {
  const activationId = activationIdOf(input);
  if (!activationId) throw new AppError("MFA_ACTIVATION_EXPIRED");
  if (!(await importDeviceKey(input.publicKeyJwk))) throw new AppError("INPUT_INVALID");
  const [tried] = await db
    .update(pushActivations)
    .set({ tries: sql`${pushActivations.tries} + 1` })
    .where(and(eq(pushActivations.id, activationId), isNull(pushActivations.usedAt), gt(pushActivations.expiresAt, input.at), lt(pushActivations.tries, ACTIVATION.maxTries)))
    .returning();
  if (!tried) throw new AppError("MFA_ACTIVATION_EXPIRED");
  if (!keyedHashEquals(codeDomain(activationId), input.code.replace(/[\s-]/g, ""), tried.codeHash)) {
    throw new AppError("MFA_ACTIVATION_CODE_WRONG", { params: { tries: ACTIVATION.maxTries - tried.tries } });
  }
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(pushActivations)
      .set({ usedAt: input.at })
      .where(and(eq(pushActivations.id, activationId), isNull(pushActivations.usedAt)))
      .returning();
    const [method] = used
      ? await tx
          .select()
          .from(mfaMethods)
          .where(and(eq(mfaMethods.id, used.methodId), isNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)))
      : [];
    if (!used || !method) throw new AppError("MFA_ACTIVATION_EXPIRED");
    const [person] = await tx
      .select({ username: people.username, displayName: people.displayName, organisation: organisations.name })
      .from(people)
      .innerJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(people.id, method.personId));
    const codes = await addLinkedTotpMethod(tx, { personId: method.personId, nickname: input.deviceName, at: input.at });
    await tx.update(mfaMethods).set({ confirmedAt: input.at, nickname: input.deviceName }).where(eq(mfaMethods.id, method.id));
    const { kty, crv, x, y } = input.publicKeyJwk;
    await tx.insert(pushDevices).values({
      methodId: method.id,
      personId: method.personId,
      publicKeyJwk: JSON.stringify({ kty, crv, x, y }),
      deviceName: input.deviceName,
      activatedAt: input.at,
      linkedTotpMethodId: codes.methodId,
    });
    const actor = { kind: "person" as const, personId: method.personId };
    const common = { personId: method.personId, actor, correlationId: input.correlationId, clientIp: input.clientIp };
    await methodAdded(tx, { ...common, methodId: method.id, detail: { linkedTotpMethodId: codes.methodId } });
    // One notice for the activation: the codes came with it.
    await methodAdded(tx, { ...common, methodId: codes.methodId, detail: { linkedTo: method.id }, notify: false });
    return {
      deviceId: method.id,
      server: getEnv().publicUrl.origin,
      account: { organisation: person!.organisation, username: person!.username, displayName: person!.displayName },
      codes,
    };
  });
}

export type ActivationState = { state: "waiting"; expiresAt: string } | { state: "activated"; methodId: string } | { state: "expired" };

/** Security info waits for the device: the activation this owner started, as it stands now. */
export async function pushActivationState(db: Executor, input: { personId: string; owner: Owner; activationId: string; at: Date }): Promise<ActivationState> {
  const [row] = await db
    .select({ activation: pushActivations, method: mfaMethods })
    .from(pushActivations)
    .innerJoin(mfaMethods, eq(mfaMethods.id, pushActivations.methodId))
    .where(and(eq(pushActivations.id, input.activationId), eq(pushActivations.personId, input.personId)));
  const ownerMatches =
    row && ("attemptId" in input.owner ? row.method.registrationAttemptId === input.owner.attemptId : row.method.registrationSessionId === input.owner.sessionId);
  if (!row || !ownerMatches) throw new AppError("NOT_FOUND");
  if (row.method.confirmedAt && !row.method.removedAt) return { state: "activated", methodId: row.method.id };
  if (row.method.removedAt || row.activation.usedAt || row.activation.expiresAt <= input.at || row.activation.tries >= ACTIVATION.maxTries) return { state: "expired" };
  return { state: "waiting", expiresAt: row.activation.expiresAt.toISOString() };
}
