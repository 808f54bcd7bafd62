/**
 * The companion authenticator's side of push (app/api/authenticator/*): every request is signed by
 * the device key (device-signature.ts) and checked here before anything is read or changed.
 *
 * - listing: the device's open requests (organisation, app, browser, address, time; never the
 *   number), marked "shown on the device" in the sign-in's events the first time;
 * - answering: approve (with the number typed), deny, or "It wasn't me" (report). One answer per
 *   request, by a conditional update on `status = 'pending'`: a replayed answer, one for another
 *   device's request, with the wrong nonce or after expiry is refused (MFA_PUSH_REQUEST_CLOSED).
 *   A wrong number fails and counts toward the lockout once, as it happens; deny and report end
 *   the sign-in; a report also suspends push on the device, emails the person, writes an audit
 *   row and opens a high-priority ticket with the sign-in attached.
 */
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { mfaMethods, pushChallenges, pushDevices, signInAttempts } from "@/db/schema";
import { recordAudit } from "../../../audit/record-audit";
import { now } from "../../../core/clock";
import { AppError } from "../../../core/errors";
import { noticeToPerson } from "../../../delivery/enqueue";
import { fileReportedSignIn } from "../../../tickets/reported-sign-in";
import { moveAttempt } from "../../attempt-states";
import { recordFactorStepFailure } from "../../run-factor-step";
import type { FactorFailure } from "../method";
import { methodRow } from "../method-rows";
import { onDeviceEvents } from "./device-events";
import { clockOffsetSeconds, DEVICE_CLOCK_TOLERANCE_SECONDS, type PublicKeyJwk, type SignedFields, signatureValid } from "./device-signature";
import { describePush } from "./describe-push";
import { numberMatches, type PushChallenge, pushStateAt, recordPushDelivery } from "./push-challenges";
import { type ActivatedDevice, confirmPushActivation } from "./push-activation";
import type { ActivateInput, PushDecision } from "./push.schemas";

export type Device = typeof pushDevices.$inferSelect;

/**
 * The device a signed request comes from: activated and not removed (else MFA_DEVICE_NOT_ACTIVATED:
 * the authenticator says "this account is not activated" with the fix), the signature right
 * (MFA_DEVICE_SIGNATURE_INVALID) and its clock within 5 minutes of ours (MFA_DEVICE_CLOCK_OFF).
 */
export async function authenticateDevice(db: Executor, fields: SignedFields, signature: string, at: Date): Promise<Device> {
  const [row] = await db
    .select({ device: pushDevices, removedAt: mfaMethods.removedAt, confirmedAt: mfaMethods.confirmedAt })
    .from(pushDevices)
    .innerJoin(mfaMethods, eq(mfaMethods.id, pushDevices.methodId))
    .where(eq(pushDevices.methodId, fields.deviceId));
  if (!row || row.removedAt || !row.confirmedAt) throw new AppError("MFA_DEVICE_NOT_ACTIVATED");
  if (!(await signatureValid(JSON.parse(row.device.publicKeyJwk) as PublicKeyJwk, fields, signature))) throw new AppError("MFA_DEVICE_SIGNATURE_INVALID");
  const offset = clockOffsetSeconds(fields.ts, at);
  if (Math.abs(offset) > DEVICE_CLOCK_TOLERANCE_SECONDS) throw new AppError("MFA_DEVICE_CLOCK_OFF", { params: { seconds: offset } });
  await db.update(pushDevices).set({ lastSeenAt: at }).where(eq(pushDevices.methodId, row.device.methodId));
  return row.device;
}

/** One open request as the device shows it: never the number, only how many digits to ask for. */
export interface DeviceRequest {
  challengeId: string;
  nonce: string;
  organisation: string;
  app: string;
  browser: string | null;
  ip: string | null;
  time: string;
  expiresAt: string;
  numberLength: number;
}

async function correlationOf(db: Executor, challenge: Pick<PushChallenge, "ownerId" | "purpose">) {
  if (challenge.purpose !== "sign_in") return null;
  const [attempt] = await db.select().from(signInAttempts).where(eq(signInAttempts.id, challenge.ownerId));
  return attempt ?? null;
}

/** The device's open requests, oldest first; each is "shown on the device" from its first listing. */
export async function listDeviceRequests(input: { fields: SignedFields; signature: string }): Promise<{ requests: DeviceRequest[]; suspended: boolean }> {
  const db = await getDb();
  const at = now();
  const device = await authenticateDevice(db, input.fields, input.signature, at);
  if (device.suspendedAt) return { requests: [], suspended: true };
  const open = await db
    .select()
    .from(pushChallenges)
    .where(and(eq(pushChallenges.methodId, device.methodId), eq(pushChallenges.status, "pending"), gt(pushChallenges.expiresAt, at)))
    .orderBy(asc(pushChallenges.createdAt));
  for (const challenge of open) {
    const [shown] = await db
      .update(pushChallenges)
      .set({ shownAt: at })
      .where(and(eq(pushChallenges.id, challenge.id), isNull(pushChallenges.shownAt)))
      .returning({ id: pushChallenges.id });
    if (shown) {
      const attempt = await correlationOf(db, challenge);
      await recordPushDelivery(db, { correlationId: attempt?.correlationId ?? null, personId: challenge.personId, challengeId: challenge.id, status: "shown" });
    }
  }
  return {
    requests: open.map((c) => ({
      challengeId: c.id,
      nonce: c.nonce,
      organisation: c.context.organisation,
      app: c.context.app,
      browser: c.context.browser,
      ip: c.context.ip,
      time: c.context.at,
      expiresAt: c.expiresAt.toISOString(),
      numberLength: c.numberDigits,
    })),
    suspended: false,
  };
}

type Answered = "approved" | "denied" | "reported" | "wrong_number";

function outcomeOf(challenge: PushChallenge, decision: PushDecision, number: string): Answered {
  if (decision === "deny") return "denied";
  if (decision === "report") return "reported";
  return numberMatches(challenge, number) ? "approved" : "wrong_number";
}

const FAILURE_OF: Record<Exclude<Answered, "approved">, FactorFailure["code"]> = {
  denied: "MFA_PUSH_DENIED",
  reported: "MFA_PUSH_REPORTED",
  wrong_number: "MFA_PUSH_WRONG_NUMBER",
};

/**
 * The device's answer to one of its requests. Approve: the sign-in page's next poll completes the
 * sign-in. Wrong number: refused (MFA_PUSH_WRONG_NUMBER), counted once. Deny: the sign-in ends
 * (MFA_PUSH_DENIED). Report: the sign-in ends (MFA_PUSH_REPORTED) and push on this device is
 * suspended, with notice, audit row and ticket; the answer names the ticket.
 */
export async function answerDeviceRequest(input: {
  fields: SignedFields;
  signature: string;
  challengeId: string;
  nonce: string;
  decision: PushDecision;
  number: string;
}): Promise<{ status: "approved" | "denied" | "reported"; reference?: string }> {
  const db = await getDb();
  const at = now();
  const device = await authenticateDevice(db, input.fields, input.signature, at);
  const [challenge] = await db.select().from(pushChallenges).where(eq(pushChallenges.id, input.challengeId));
  // Another device's request, another request's nonce, answered or expired: all the same refusal.
  if (!challenge || challenge.methodId !== device.methodId || challenge.nonce !== input.nonce || pushStateAt(challenge, at) !== "pending" || device.suspendedAt) {
    throw new AppError("MFA_PUSH_REQUEST_CLOSED");
  }
  const outcome = outcomeOf(challenge, input.decision, input.number);
  const answer = await db.transaction(async (tx) => {
    const [answered] = await tx
      .update(pushChallenges)
      .set({ status: outcome, answeredAt: at, countedAt: outcome === "wrong_number" ? at : null })
      .where(and(eq(pushChallenges.id, challenge.id), eq(pushChallenges.status, "pending"), gt(pushChallenges.expiresAt, at)))
      .returning();
    if (!answered) return null;
    const attempt = await correlationOf(tx, answered);
    await recordPushDelivery(tx, {
      correlationId: attempt?.correlationId ?? null,
      personId: answered.personId,
      challengeId: answered.id,
      status: "answered",
      decision: input.decision,
    });
    if (outcome === "approved") return { status: "approved" as const };

    const event = attempt ? { attempt, client: { ip: null, userAgent: null }, step: "second_factor" as const } : undefined;
    const failure: FactorFailure = {
      ok: false,
      code: FAILURE_OF[outcome],
      params: {},
      detail: { pushState: outcome },
      // A wrong number is a failed try (counted); deny and report are the person's own answer: the sign-in ends instead.
      ...(outcome === "wrong_number" ? {} : { tally: "given_back" as const }),
    };
    await recordFactorStepFailure(tx, {
      personId: answered.personId,
      at,
      correlationId: attempt?.correlationId ?? null,
      clientIp: null,
      method: "push",
      failure,
      event,
    });
    if (outcome === "wrong_number") return { status: "wrong_number" as const };
    if (attempt) await moveAttempt(tx, { id: attempt.id, state: "factor_pending" }, "expired");
    if (outcome === "denied") return { status: "denied" as const };
    return { status: "reported" as const, reference: await reportSignIn(tx, { device, challenge: answered, correlationId: attempt?.correlationId ?? null, at }) };
  });
  if (!answer) throw new AppError("MFA_PUSH_REQUEST_CLOSED");
  if (answer.status === "wrong_number") throw new AppError("MFA_PUSH_WRONG_NUMBER");
  return answer;
}

/** "It wasn't me": push on this device is suspended, audited, the person told, and a ticket opened. */
async function reportSignIn(tx: Executor, input: { device: Device; challenge: PushChallenge; correlationId: string | null; at: Date }): Promise<string | undefined> {
  const { device, challenge, at } = input;
  await tx
    .update(pushDevices)
    .set({ suspendedAt: at, suspendedReason: "reported" })
    .where(and(eq(pushDevices.methodId, device.methodId), isNull(pushDevices.suspendedAt)));
  await recordAudit(tx, {
    action: "method.fraud_reported",
    actorKind: "person",
    actorPersonId: challenge.personId,
    targetPersonId: challenge.personId,
    correlationId: input.correlationId,
    reason: '"It wasn\'t me" on a push request',
    detail: { methodId: device.methodId, challengeId: challenge.id, channel: "push" },
  });
  const ticket = input.correlationId
    ? await fileReportedSignIn(tx, {
        personId: challenge.personId,
        correlationId: input.correlationId,
        reportId: challenge.id,
        facts: { ip: challenge.context.ip, browser: challenge.context.browser, at: challenge.createdAt },
        at,
      })
    : null;
  const row = await methodRow(tx, challenge.personId, device.methodId);
  await noticeToPerson(tx, {
    personId: challenge.personId,
    template: "push_reported",
    method: describePush(row!),
    params: { reference: ticket?.reference ?? "—", link: ticket?.statusLink ?? "" },
    correlationId: input.correlationId,
  });
  return ticket?.reference;
}

/** The device's activation (POST /api/authenticator/activate): push-activation.ts confirmPushActivation. */
export async function activateDevice(input: ActivateInput, clientIp: string | null): Promise<ActivatedDevice> {
  return confirmPushActivation(await getDb(), { ...input, at: now(), correlationId: null, clientIp });
}

/** How often the event stream says it is still there (proxies close quiet connections). */
export const HEARTBEAT_SECONDS = 25;

/**
 * The device's event stream (Server-Sent Events, GET /api/authenticator/events): "ready" once, a
 * "challenge" hint (the request's ID) for every open request now and every new one, from any
 * instance (device-events.ts), a heartbeat comment every 25 s, and "not-activated" when the device
 * is removed (the stream then ends). The device fetches each request with a signed call.
 */
export async function deviceEventStream(input: { fields: SignedFields; signature: string }, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const db = await getDb();
  const at = now();
  const device = await authenticateDevice(db, input.fields, input.signature, at);
  const encoder = new TextEncoder();
  let unsubscribe: (() => Promise<void>) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let closed = false;
  const stop = async () => {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    await unsubscribe?.();
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          void stop();
        }
      };
      const end = async () => {
        await stop();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const hint = (challengeId: string) => send(`event: challenge\ndata: ${JSON.stringify({ challengeId })}\n\n`);
      unsubscribe = await onDeviceEvents(device.methodId, (event) => {
        if (event.type === "challenge") hint(event.challengeId);
        else {
          send("event: not-activated\ndata: {}\n\n");
          void end();
        }
      });
      send(`retry: 5000\nevent: ready\ndata: ${JSON.stringify({ deviceId: device.methodId })}\n\n`);
      const open = await db
        .select({ id: pushChallenges.id })
        .from(pushChallenges)
        .where(and(eq(pushChallenges.methodId, device.methodId), eq(pushChallenges.status, "pending"), gt(pushChallenges.expiresAt, at)))
        .orderBy(asc(pushChallenges.createdAt));
      for (const challenge of open) hint(challenge.id);
      heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_SECONDS * 1000);
      heartbeat.unref?.();
      if (signal.aborted) void end();
      else signal.addEventListener("abort", () => void end(), { once: true });
    },
    async cancel() {
      await stop();
    },
  });
}
