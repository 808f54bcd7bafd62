import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { people, sessions, signInAttempts } from "@/db/schema";
import { recordSignInEvent, type SignInStep } from "../sign-in-log/record-sign-in-event";
import type { Attempt } from "./attempts";
import { lockParams } from "./factor-params";
import { beginFactorTry, clearFailureRun, type LockState, lockState, recordFactorFailure, releaseFactorTry } from "./lockout";
import type { FactorFailure } from "./methods/method";
import { attemptEvent, type EventClient, type SessionOwner, sessionEvent } from "./sign-in/attempt-event";

/**
 * The lockout protocol (PRODUCT.md, lockout.ts), once for every second-factor step: sign-in
 * codes, calls, registration at sign-in, the temporary access pass and step-up.
 *
 *   lock check → count the try → verify → success: end the run (or give the try back) → event
 *                                       → failure: record it, maybe lock → event
 *                                       → a typing slip: give the try back → event
 *
 * A typed response is counted before it is checked ("before": the decision is made on the count
 * this try got, so 30 wrong codes at once count 10 and lock). A call is checked by the phone and
 * counted when it fails ("after"). The caller says what a success proves: a second factor ends
 * the run of failures; a pass or a registration only lets the sign-in move on (its try is given
 * back, the run stays).
 */
export interface FactorStep<TOk extends { ok: true }, R> {
  personId: string;
  at: Date;
  correlationId: string | null;
  clientIp: string | null;
  /** What counted failures and sign-in events call this way ("totp", "sms", "voice", "access_pass"). */
  method: string;
  counting: "before" | "after";
  success: "ends_run" | "moves_on";
  /** Checks the response (in the step's transaction). */
  verify(tx: Executor): Promise<TOk | FactorFailure>;
  /** What a success does, in the same transaction (complete the attempt, confirm a method…). */
  onSuccess?(tx: Executor, ok: TOk): Promise<R>;
  /** The sign-in event of this step; absent when the caller writes its own (a step-up by a typed code). */
  event?: StepEvent & { successDetail?: Record<string, string | number | boolean | null> };
}

/**
 * Whose step an event is about: a sign-in attempt's (its failures are also counted on the attempt),
 * or a signed-in session's step-up.
 */
export type StepEvent = { attempt: Attempt; client: EventClient; step: SignInStep } | { session: SessionOwner; client: EventClient; step: "step_up" };

function eventFields(event: StepEvent) {
  return "attempt" in event ? attemptEvent(event.attempt, event.client) : sessionEvent(event.session, event.client);
}

/**
 * The step a code or call's owner is in, for a failure counted after the fact (a call the phone
 * ended): a sign-in attempt's second factor, or a session's step-up; undefined when it is neither.
 */
export async function ownerStepEvent(db: Executor, ownerId: string, client: EventClient): Promise<StepEvent | undefined> {
  const [attempt] = await db.select().from(signInAttempts).where(eq(signInAttempts.id, ownerId));
  if (attempt) return { attempt, client, step: "second_factor" };
  const [session] = await db
    .select({ id: sessions.id, correlationId: sessions.correlationId, displayId: sessions.displayId, personId: sessions.personId, username: people.username })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(eq(sessions.id, ownerId));
  if (!session) return undefined;
  return {
    session: {
      sessionId: session.id,
      correlationId: session.correlationId ?? session.id,
      displaySessionId: session.displayId,
      personId: session.personId,
      loginName: session.username,
    },
    client,
    step: "step_up",
  };
}

/** The correlation ID a step's counted failure carries. */
export function stepCorrelationId(event: StepEvent | undefined): string | null {
  if (!event) return null;
  return "attempt" in event ? event.attempt.correlationId : event.session.correlationId;
}

export type StepResult<TOk, R> = { ok: true; outcome: TOk; value: R } | FactorFailure;

export async function runFactorStep<TOk extends { ok: true }, R = undefined>(db: Executor, step: FactorStep<TOk, R>): Promise<StepResult<TOk, R>> {
  const { personId, at } = step;
  let run: number | undefined;
  if (step.counting === "before") {
    const place = await beginFactorTry(db, personId, at);
    if (!place.ok) {
      const refused: FactorFailure = {
        ok: false,
        code: "ACCOUNT_LOCKED",
        params: lockParams(place.lock, at),
        detail: { lockedUntil: place.lock.until.toISOString(), counted: false },
        tally: "given_back",
      };
      await writeFailureEvent(db, step.event, step.method, refused);
      return refused;
    }
    run = place.run;
  }

  const result = await db
    .transaction(async (tx) => {
      const outcome = await step.verify(tx);
      if (!outcome.ok) return outcome;
      const value = (step.onSuccess ? await step.onSuccess(tx, outcome) : undefined) as R;
      if (step.event) {
        await recordSignInEvent(tx, {
          ...eventFields(step.event),
          step: step.event.step,
          method: step.method,
          result: "success",
          detail: step.event.successDetail,
        });
      }
      return { ok: true as const, outcome, value };
    })
    .catch(async (error: unknown) => {
      if (run !== undefined) await releaseFactorTry(db, personId, at);
      throw error;
    });

  if (result.ok) {
    if (step.success === "ends_run") await clearFailureRun(db, personId, at);
    else if (run !== undefined) await releaseFactorTry(db, personId, at);
    return result;
  }
  return (await recordFactorStepFailure(db, { ...step, run, failure: result })).failure;
}

/**
 * The failure half of the protocol, also for a failure counted as it happens outside a step (a
 * call the phone ended): counts it (unless it is a typing slip or was counted already), answers
 * ACCOUNT_LOCKED when it locked (the failure it stood for in the facts), and writes the event.
 */
export async function recordFactorStepFailure(
  db: Executor,
  input: {
    personId: string;
    at: Date;
    correlationId: string | null;
    clientIp: string | null;
    method: string;
    failure: FactorFailure;
    /** The place beginFactorTry gave this try; absent: counted after the fact. */
    run?: number;
    event?: StepEvent;
  },
): Promise<{ failure: FactorFailure; lock: LockState }> {
  const { failure, at } = input;
  if (failure.tally === "given_back") {
    if (input.run !== undefined) await releaseFactorTry(db, input.personId, at);
    await writeFailureEvent(db, input.event, input.method, failure);
    return { failure, lock: { locked: false } };
  }
  if (failure.tally === "already_counted") {
    const lock = await lockState(db, input.personId, at);
    if (!lock.locked) return { failure, lock };
    return { failure: { ...failure, code: "ACCOUNT_LOCKED", params: lockParams(lock, at), detail: { ...failure.detail, failure: failure.code } }, lock };
  }
  const lock = await recordFactorFailure(db, {
    personId: input.personId,
    method: input.method,
    code: failure.code,
    correlationId: input.correlationId,
    clientIp: input.clientIp,
    at,
    run: input.run,
  });
  const answered: FactorFailure = lock.locked
    ? { ok: false, code: "ACCOUNT_LOCKED", params: lockParams(lock, at), detail: { ...failure.detail, failure: failure.code, lockedUntil: lock.until.toISOString() } }
    : failure;
  await writeFailureEvent(db, input.event, input.method, answered);
  return { failure: answered, lock };
}

async function writeFailureEvent(db: Executor, event: StepEvent | undefined, method: string, failure: FactorFailure): Promise<void> {
  if (!event) return;
  if ("attempt" in event) {
    await db
      .update(signInAttempts)
      .set({ failures: sql`${signInAttempts.failures} + 1` })
      .where(eq(signInAttempts.id, event.attempt.id));
  }
  await recordSignInEvent(db, {
    ...eventFields(event),
    step: event.step,
    method,
    result: "failure",
    code: failure.code,
    detail: Object.keys(failure.detail).length > 0 ? failure.detail : undefined,
  });
}
