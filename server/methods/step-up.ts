/**
 * Step-up ("confirm it's you"): a signed-in person proves it again with any method that has the
 * step-up capability (server/verification/methods/registry.ts), so nobody is asked for a factor
 * they no longer have. A text code is bound to this session (one_time_codes purpose "step_up",
 * owner = the session record) and has its own sending caps; an app code is checked as at sign-in.
 * Every try runs under the shared lockout and is a sign-in event with step "step_up".
 */
import { and, eq, inArray } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { mfaMethods, people, phoneNumbers, sessions } from "@/db/schema";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { enqueueMessage } from "../delivery/enqueue";
import { deliverNow } from "../delivery/worker";
import type { RequestInfo } from "../http/request-info";
import { getPolicy } from "../policy/policy";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { lockState } from "../verification/lockout";
import type { MethodDescription } from "../verification/methods/method";
import { attachMessage, issueOneTimeCode, ttlMinutes } from "../verification/methods/phone/one-time-codes";
import { maskPhone } from "../verification/methods/phone/phone-number";
import { reserveSend } from "../verification/methods/phone/send-limits";
import { describeMethod, kindOfChannel, methodFor } from "../verification/methods/registry";
import { signInOptions } from "../verification/methods/sign-in-options";
import { lockParams, verifySecondFactorCode } from "../verification/verify-second-factor";
import { FRESH_FACTOR_SECONDS } from "./fresh-factor";
import type { StepUpConfirmInput, StepUpSendInput } from "./step-up.schemas";

/** The ways step-up offers today: an app code, and a code by text. (A call is not offered yet.) */
const STEP_UP_CHANNELS = ["totp", "sms"] as const;
export type StepUpChannel = (typeof STEP_UP_CHANNELS)[number];

/** One way to confirm it's you: a registered method, how it is used, and how it is named. */
export interface StepUpOption {
  methodId: string;
  channel: StepUpChannel;
  method: Pick<MethodDescription, "kind" | "labelKey" | "detail">;
}

export interface StepUpState {
  options: StepUpOption[];
  locked: null | { minutes: number; time: string };
}

const isStepUpChannel = (channel: string): channel is StepUpChannel => (STEP_UP_CHANNELS as readonly string[]).includes(channel);

/**
 * The person's usable ways (the same as at sign-in: verified, not suspended, allowed by the policy
 * and the role), kept when their method may be used for step-up, in the sign-in order (default first).
 */
export async function stepUpOptionsFor(db: Executor, personId: string): Promise<StepUpOption[]> {
  const usable = (await signInOptions(db, personId)).filter((o) => isStepUpChannel(o.channel) && methodFor(kindOfChannel(o.channel)).capabilities.stepUp);
  if (usable.length === 0) return [];
  const rows = await db
    .select({ method: mfaMethods, phone: phoneNumbers })
    .from(mfaMethods)
    .leftJoin(phoneNumbers, eq(phoneNumbers.methodId, mfaMethods.id))
    .where(
      and(
        eq(mfaMethods.personId, personId),
        inArray(
          mfaMethods.id,
          usable.map((o) => o.methodId),
        ),
      ),
    );
  return usable.flatMap((option) => {
    const row = rows.find((r) => r.method.id === option.methodId);
    if (!row) return [];
    const { kind, labelKey, detail } = describeMethod(row);
    return [{ methodId: option.methodId, channel: option.channel as StepUpChannel, method: { kind, labelKey, detail } }];
  });
}

/** What "confirm it's you" shows: the ways this person can confirm, and any lock. */
export async function stepUpState(session: SessionContext): Promise<StepUpState> {
  const db = await getDb();
  const at = now();
  const lock = await lockState(db, session.person.id, at);
  return {
    options: await stepUpOptionsFor(db, session.person.id),
    locked: lock.locked ? (lockParams(lock, at) as { minutes: number; time: string }) : null,
  };
}

function eventBase(session: SessionContext, request: RequestInfo) {
  return {
    correlationId: session.correlationId ?? session.sessionId,
    displaySessionId: session.displaySessionId,
    personId: session.person.id,
    loginName: session.person.username,
    step: "step_up" as const,
    clientIp: request.ip,
    userAgent: request.userAgent,
  };
}

/**
 * "Send code": a new step-up code by text to one of the person's phones, bound to this session
 * (an older step-up code of this session stops working). Refused while locked; within the step-up
 * sending caps (their own, so this never uses up sign-in's); delivered at once, as at sign-in.
 */
export async function sendStepUpCode(
  session: SessionContext,
  input: StepUpSendInput,
  request: RequestInfo,
): Promise<{ channel: "sms"; method: StepUpOption["method"]; expiresInSeconds: number }> {
  const db = await getDb();
  const at = now();
  const correlationId = session.correlationId ?? undefined;
  const option = (await stepUpOptionsFor(db, session.person.id)).find((o) => o.methodId === input.methodId && o.channel === input.channel);
  if (!option) throw new AppError("NOT_FOUND", { correlationId });
  const lock = await lockState(db, session.person.id, at);
  if (lock.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(lock, at), correlationId });

  const [phone] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.methodId, option.methodId));
  const limited = await reserveSend(db, { purpose: "step_up", use: "text", personId: session.person.id, e164: phone!.e164, country: phone!.country, at });
  if (limited) {
    await recordSignInEvent(db, {
      ...eventBase(session, request),
      method: "sms",
      result: "throttled",
      code: "MFA_THROTTLED",
      detail: { retryAfterSeconds: limited.retryAfterSeconds },
    });
    throw new AppError("MFA_THROTTLED", { params: { seconds: limited.retryAfterSeconds }, retryAfterSeconds: limited.retryAfterSeconds, correlationId });
  }

  const [person] = await db.select({ locale: people.locale, organisationId: people.organisationId }).from(people).where(eq(people.id, session.person.id));
  const ttlSeconds = (await getPolicy(db, person!.organisationId)).textCodeTtlSeconds;
  const messageId = await db.transaction(async (tx) => {
    const issued = await issueOneTimeCode(tx, {
      personId: session.person.id,
      methodId: option.methodId,
      purpose: "step_up",
      channel: "sms",
      ownerId: session.sessionId,
      at,
      ttlSeconds,
    });
    const id = await enqueueMessage(tx, {
      channel: "sms",
      recipient: phone!.e164,
      personId: session.person.id,
      locale: person!.locale,
      template: "sign_in_code",
      params: { code: issued.code, minutes: ttlMinutes(ttlSeconds) },
      correlationId: session.correlationId,
      maxAttempts: 1,
    });
    await attachMessage(tx, issued.id, id);
    await recordSignInEvent(tx, { ...eventBase(session, request), method: "sms", result: "info", detail: { sent: true, to: maskPhone(phone!.e164), messageId: id } });
    return id;
  });
  // The person is waiting: hand it to the providers now; when every one failed, say so at once.
  if ((await deliverNow(messageId)) === "dead") {
    await recordSignInEvent(db, { ...eventBase(session, request), method: "sms", result: "failure", code: "DELIVERY_FAILED", detail: { messageId } });
    throw new AppError("DELIVERY_FAILED", { correlationId });
  }
  return { channel: "sms", method: option.method, expiresInSeconds: ttlSeconds };
}

/**
 * "Confirm": an app code (the default) or the newest step-up code texted in this session. Under
 * the shared lockout; a failure is a sign-in event (step "step_up", the method used) and counts
 * toward the lock; a success makes this session's second factor fresh for 10 minutes.
 */
export async function confirmStepUp(session: SessionContext, input: StepUpConfirmInput, request: RequestInfo): Promise<{ freshUntil: Date }> {
  const db = await getDb();
  const at = now();
  const channel = input.channel ?? "totp";
  const correlationId = session.correlationId ?? undefined;
  const ways = (await stepUpOptionsFor(db, session.person.id)).filter((o) => o.channel === channel);
  if (ways.length === 0) throw new AppError("NOT_FOUND", { correlationId });

  const outcome = await verifySecondFactorCode(db, {
    personId: session.person.id,
    code: input.code,
    at,
    correlationId: session.correlationId,
    clientIp: request.ip,
    via: channel === "sms" ? { channel: "sms", ownerId: session.sessionId, purpose: "step_up" } : undefined,
  });
  const base = { ...eventBase(session, request), method: channel };
  if (!outcome.ok) {
    await recordSignInEvent(db, { ...base, result: "failure", code: outcome.code, detail: outcome.detail });
    throw new AppError(outcome.code, { params: outcome.params, correlationId });
  }
  // A code texted to a phone that has since been removed or suspended proves nothing any more.
  if (!ways.some((o) => o.methodId === outcome.methodId)) {
    await recordSignInEvent(db, { ...base, result: "failure", code: "MFA_CODE_INVALID", detail: { methodGone: true } });
    throw new AppError("MFA_CODE_INVALID", { correlationId });
  }
  await db.update(sessions).set({ factorVerifiedAt: at }).where(eq(sessions.id, session.sessionId));
  await recordSignInEvent(db, { ...base, result: "success" });
  return { freshUntil: new Date(at.getTime() + FRESH_FACTOR_SECONDS * 1000) };
}
