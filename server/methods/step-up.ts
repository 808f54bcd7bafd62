import { type Executor, getDb } from "@/db/client";
import { noteFactorOnSession } from "../auth/session-facts";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { lockParams, normalizeCode } from "../verification/factor-params";
import { lockState } from "../verification/lockout";
import type { Channel, FactorContext, MethodDescription } from "../verification/methods/method";
import { methodRow, methodRows } from "../verification/methods/method-rows";
import { amrOfChannel, channelTraits, describeMethod, methodForChannel, unchallengedCodeChannel } from "../verification/methods/registry";
import { signInOptions } from "../verification/methods/sign-in-options";
import { runFactorStep } from "../verification/run-factor-step";
import { FRESH_FACTOR_SECONDS } from "./fresh-factor";
import type { StepUpConfirmInput, StepUpSendInput } from "./step-up.schemas";

/**
 * The ways step-up offers: every channel whose method has the step-up capability and takes a typed
 * response (an app code, a texted code, a recovery code). A call is not offered yet: it needs the
 * page to wait for the phone's answer in a session.
 */
const isStepUpChannel = (channel: Channel) => channelTraits(channel).response === "typed" && methodForChannel(channel).capabilities.stepUp;
export type StepUpChannel = Channel;

/** One way to confirm it's you: a registered method, how it is used, and how it is named. */
export interface StepUpOption {
  methodId: string;
  channel: StepUpChannel;
  /** Something is sent first ("Send code"), or the person types what they have. */
  challenged: boolean;
  /** What the code is made of (the keyboard the field asks for). */
  characters: "digits" | "letters";
  method: Pick<MethodDescription, "kind" | "labelKey" | "detail" | "nickname">;
}

export interface StepUpState {
  options: StepUpOption[];
  locked: null | { minutes: number; time: string };
}

/**
 * The person's usable ways (the same as at sign-in: verified, not suspended, allowed by the policy
 * and the role), kept when their method may be used for step-up, in the sign-in order (default first).
 */
export async function stepUpOptionsFor(db: Executor, personId: string): Promise<StepUpOption[]> {
  const usable = (await signInOptions(db, personId)).filter((o) => isStepUpChannel(o.channel));
  if (usable.length === 0) return [];
  const rows = await methodRows(db, personId);
  return usable.flatMap((option) => {
    const row = rows.find((r) => r.method.id === option.methodId);
    if (!row) return [];
    const { kind, labelKey, detail, nickname } = describeMethod(row);
    return [
      {
        methodId: option.methodId,
        channel: option.channel,
        challenged: channelTraits(option.channel).challenged,
        characters: channelTraits(option.channel).characters ?? "digits",
        method: { kind, labelKey, detail, nickname },
      },
    ];
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
 * "Send code": a new step-up code to one of the person's methods that sends one (a text), bound to
 * this session (an older step-up code of this session stops working), through the method's own
 * challenge. Refused while locked; within the step-up sending caps (their own, so this never uses
 * up sign-in's); delivered at once, as at sign-in.
 */
export async function sendStepUpCode(
  session: SessionContext,
  input: StepUpSendInput,
  request: RequestInfo,
): Promise<{ channel: StepUpChannel; method: StepUpOption["method"]; expiresInSeconds: number }> {
  const db = await getDb();
  const at = now();
  const correlationId = session.correlationId ?? undefined;
  const option = (await stepUpOptionsFor(db, session.person.id)).find((o) => o.methodId === input.methodId && o.channel === input.channel && o.challenged);
  if (!option) throw new AppError("NOT_FOUND", { correlationId });
  const lock = await lockState(db, session.person.id, at);
  if (lock.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(lock, at), correlationId });
  const row = (await methodRow(db, session.person.id, option.methodId, { state: "active" }))!;
  const method = methodForChannel(option.channel);
  const sent = await method.challenge!(db, stepUpContext(session, request, at), row, option.channel, (tx, facts) =>
    recordSignInEvent(tx, { ...eventBase(session, request), method: option.channel, result: "info", detail: facts }),
  );
  if (sent.status === "throttled") {
    await recordSignInEvent(db, {
      ...eventBase(session, request),
      method: option.channel,
      result: "throttled",
      code: "MFA_THROTTLED",
      detail: { retryAfterSeconds: sent.retryAfterSeconds },
    });
    throw new AppError("MFA_THROTTLED", { params: { seconds: sent.retryAfterSeconds }, retryAfterSeconds: sent.retryAfterSeconds, correlationId });
  }
  // The person is waiting: when every provider failed, say so at once.
  if (sent.status === "failed") {
    await recordSignInEvent(db, { ...eventBase(session, request), method: option.channel, result: "failure", code: "DELIVERY_FAILED", detail: { messageId: sent.messageId } });
    throw new AppError("DELIVERY_FAILED", { correlationId });
  }
  return { channel: option.channel, method: option.method, expiresInSeconds: sent.expiresInSeconds };
}

function stepUpContext(session: SessionContext, request: RequestInfo, at: Date): FactorContext {
  return { personId: session.person.id, ownerId: session.sessionId, purpose: "step_up", at, correlationId: session.correlationId, clientIp: request.ip };
}

export async function confirmStepUp(session: SessionContext, input: StepUpConfirmInput, request: RequestInfo): Promise<{ freshUntil: Date }> {
  const db = await getDb();
  const at = now();
  const channel = input.channel ?? unchallengedCodeChannel();
  const correlationId = session.correlationId ?? undefined;
  const ways = (await stepUpOptionsFor(db, session.person.id)).filter((o) => o.channel === channel);
  if (ways.length === 0) throw new AppError("NOT_FOUND", { correlationId });

  const context = stepUpContext(session, request, at);
  const outcome = await runFactorStep(db, {
    personId: session.person.id,
    at,
    correlationId: session.correlationId,
    clientIp: request.ip,
    method: channel,
    counting: "before",
    success: "ends_run",
    verify: (tx) => methodForChannel(channel).verify(tx, context, channel, normalizeCode(input.code)),
  });
  const base = { ...eventBase(session, request), method: channel };
  if (!outcome.ok) {
    await recordSignInEvent(db, { ...base, result: "failure", code: outcome.code, detail: outcome.detail });
    throw new AppError(outcome.code, { params: outcome.params, correlationId });
  }
  // A code texted to a phone that has since been removed or suspended proves nothing any more.
  if (!ways.some((o) => o.methodId === outcome.outcome.methodId)) {
    await recordSignInEvent(db, { ...base, result: "failure", code: "MFA_CODE_INVALID", detail: { methodGone: true } });
    throw new AppError("MFA_CODE_INVALID", { correlationId });
  }
  // The step-up's method joins the session's facts (amr, acr), and the factor counts as fresh from now.
  await noteFactorOnSession(db, session.sessionId, { amr: amrOfChannel(channel), at });
  await recordSignInEvent(db, { ...base, result: "success" });
  return { freshUntil: new Date(at.getTime() + FRESH_FACTOR_SECONDS * 1000) };
}
