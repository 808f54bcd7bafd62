import { type Executor, getDb } from "@/db/client";
import { noteFactorOnSession } from "../auth/session-facts";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { recordSignInEvent } from "../sign-in-log/record-sign-in-event";
import { lockParams, normalizeCode } from "../verification/factor-params";
import { lockState } from "../verification/lockout";
import type { Channel, FactorContext, MethodDescription, PollResult } from "../verification/methods/method";
import { methodRow, methodRows } from "../verification/methods/method-rows";
import { allChannels, amrOfChannel, channelTraits, describeMethod, methodForChannel, unchallengedCodeChannel } from "../verification/methods/registry";
import { signInOptions } from "../verification/methods/sign-in-options";
import { runFactorStep } from "../verification/run-factor-step";
import { type SessionOwner, sessionEvent } from "../verification/sign-in/attempt-event";
import { FRESH_FACTOR_SECONDS } from "./fresh-factor";
import type { StepUpConfirmInput, StepUpSendInput } from "./step-up.schemas";

/**
 * The ways step-up offers: every channel whose method has the step-up capability, typed (an app
 * code, a texted code, a recovery code) or awaited when the method can be asked for the answer
 * (a call: "confirm it's you" waits for the phone, as the sign-in page does).
 */
function isStepUpChannel(channel: Channel): boolean {
  const method = methodForChannel(channel);
  if (!method.capabilities.stepUp) return false;
  return channelTraits(channel).response === "typed" || method.poll !== undefined;
}
export type StepUpChannel = Channel;

/** The step-up channels answered elsewhere (a call), one per method: "confirm it's you" asks their methods. */
function awaitedStepUpChannels(): StepUpChannel[] {
  const channels = allChannels().filter((c) => isStepUpChannel(c) && channelTraits(c).response === "awaited");
  return channels.filter((c, i) => channels.findIndex((other) => methodForChannel(other) === methodForChannel(c)) === i);
}

/** One way to confirm it's you: a registered method, how it is used, and how it is named. */
export interface StepUpOption {
  methodId: string;
  channel: StepUpChannel;
  /** Something is sent or placed first ("Send code", "Call me"), or the person types what they have. */
  challenged: boolean;
  /** The answer is given elsewhere (a call answered on the phone): the panel waits for it. */
  awaited: boolean;
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
        awaited: channelTraits(option.channel).response === "awaited",
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

/** The session as the owner of its step-up, as its events name it. */
function sessionOwner(session: SessionContext): SessionOwner {
  return {
    sessionId: session.sessionId,
    correlationId: session.correlationId ?? session.sessionId,
    displaySessionId: session.displaySessionId,
    personId: session.person.id,
    loginName: session.person.username,
  };
}

function eventBase(session: SessionContext, request: RequestInfo) {
  return { ...sessionEvent(sessionOwner(session), request), step: "step_up" as const };
}

/**
 * "Send code" or "Call me": a new step-up code (a text) or call to one of the person's methods,
 * bound to this session (an older step-up code or call of this session stops working), through
 * the method's own challenge. Refused while locked; within the step-up sending caps (their own, so
 * this never uses up sign-in's); delivered at once, as at sign-in. A call comes with the number
 * only this panel shows (number matching).
 */
export async function sendStepUpCode(
  session: SessionContext,
  input: StepUpSendInput,
  request: RequestInfo,
): Promise<{ channel: StepUpChannel; method: StepUpOption["method"]; expiresInSeconds: number; matchNumber: string | null }> {
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
  return { channel: option.channel, method: option.method, expiresInSeconds: sent.expiresInSeconds, matchNumber: sent.matchNumber };
}

function stepUpContext(session: SessionContext, request: RequestInfo, at: Date): FactorContext {
  return { personId: session.person.id, ownerId: session.sessionId, purpose: "step_up", at, correlationId: session.correlationId, clientIp: request.ip };
}

/** Fresh for 10 minutes from a step-up completed at `at`. */
const freshFrom = (at: Date) => new Date(at.getTime() + FRESH_FACTOR_SECONDS * 1000);

export async function confirmStepUp(session: SessionContext, input: StepUpConfirmInput, request: RequestInfo): Promise<{ freshUntil: Date }> {
  const db = await getDb();
  const at = now();
  const channel = input.channel ?? unchallengedCodeChannel();
  const correlationId = session.correlationId ?? undefined;
  // A typed code only: a call is answered on the phone, never by a code typed here.
  const ways = (await stepUpOptionsFor(db, session.person.id)).filter((o) => o.channel === channel && !o.awaited);
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
  return { freshUntil: freshFrom(at) };
}

/**
 * "Confirm it's you" waits for an awaited way (a call) by asking here every 2 s: still ringing or
 * answered ("waiting"), approved (the factor is fresh from now and its method joins the session's
 * facts), or how it failed: counted toward the lockout once, as at sign-in (as the phone answered,
 * or here), with a step-up failure event.
 */
export async function pollStepUp(session: SessionContext, request: RequestInfo): Promise<{ status: "waiting"; state: string } | { status: "confirmed"; freshUntil: Date }> {
  const db = await getDb();
  const at = now();
  const correlationId = session.correlationId ?? undefined;
  const lock = await lockState(db, session.person.id, at);
  if (lock.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(lock, at), correlationId });
  const context = stepUpContext(session, request, at);
  // Every method with an awaited step-up channel is asked about this session's latest challenge
  // (also one whose phone its own call just suspended, "0#"); the first that has one answers.
  let polled: Exclude<PollResult, null> | null = null;
  let by: StepUpChannel | null = null;
  for (const channel of awaitedStepUpChannels()) {
    polled = (await methodForChannel(channel).poll?.(db, context)) ?? null;
    by = channel;
    if (polled) break;
  }
  if (!polled || !by) throw new AppError("NOT_FOUND", { correlationId });
  if ("status" in polled) return { status: "waiting", state: polled.state };
  const result = polled;
  const channel = by;
  const ways = await stepUpOptionsFor(db, session.person.id);

  const outcome = await runFactorStep(db, {
    personId: session.person.id,
    at,
    correlationId: session.correlationId,
    clientIp: request.ip,
    method: channel,
    counting: "after",
    success: "ends_run",
    // A call answered on a phone that has since been removed or suspended proves nothing any more.
    verify: async () =>
      result.ok && !ways.some((o) => o.methodId === result.methodId && o.channel === channel)
        ? { ok: false, code: "NOT_FOUND", params: {}, detail: { methodGone: true }, tally: "given_back" }
        : result,
    // The step-up's method joins the session's facts (amr, acr), and the factor counts as fresh from now.
    onSuccess: (tx) => noteFactorOnSession(tx, session.sessionId, { amr: amrOfChannel(channel), at }),
    event: { session: sessionOwner(session), client: request, step: "step_up" },
  });
  if (!outcome.ok) throw new AppError(outcome.code, { params: outcome.params, correlationId });
  return { status: "confirmed", freshUntil: freshFrom(at) };
}
