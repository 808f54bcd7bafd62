import type { Executor } from "@/db/client";
import { signInEvents, type EventResult } from "@/db/schema";
import { now } from "../core/clock";
import { getEnv } from "../core/env";
import type { ErrorCode } from "../core/errors";

export const SIGN_IN_STEPS = [
  "password",
  "rate_limit",
  "second_factor",
  "delivery",
  "registration",
  "step_up",
  "completion",
  "session",
  "sign_out",
  "sign_out_everywhere",
  "session_timeout",
] as const;
export type SignInStep = (typeof SIGN_IN_STEPS)[number];

export interface SignInEventInput {
  correlationId: string;
  displaySessionId?: string | null;
  attemptId?: string | null;
  personId?: string | null;
  loginName?: string | null;
  step: SignInStep;
  method?: string | null;
  result: EventResult;
  code?: ErrorCode | null;
  clientIp?: string | null;
  userAgent?: string | null;
  /** Facts only (offsets, counts, statuses): never a password, code or secret. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Writes one sign-in event. Every sign-in step calls this exactly once. */
export async function recordSignInEvent(db: Executor, event: SignInEventInput): Promise<void> {
  await db.insert(signInEvents).values({
    correlationId: event.correlationId,
    displaySessionId: event.displaySessionId ?? null,
    attemptId: event.attemptId ?? null,
    personId: event.personId ?? null,
    loginName: event.loginName ?? null,
    step: event.step,
    method: event.method ?? null,
    result: event.result,
    code: event.code ?? null,
    clientIp: event.clientIp ?? null,
    userAgent: event.userAgent ?? null,
    serverInstance: getEnv().instanceId,
    detail: event.detail ?? null,
    occurredAt: now(),
  });
}
