import { isErrorCode, type ErrorCode } from "../core/errors";
import type { WizardId } from "../troubleshooting/wizard-ids";
import { DIAGNOSIS_RULES, UNFINISHED_FINDINGS, type EventFacts, type FailedStep, type FindingParam, type RuleContext } from "./rules";

/**
 * Explains one sign-in from its events: the steps in order, the one that failed, why (catalog code
 * and a finding with its evidence) and the wizard with the fix. Pure: the loader
 * (diagnose-sign-in.ts) reads the rows, this decides, and `project` cuts it down per audience.
 */
export interface EventRow {
  id: number;
  step: string;
  method: string | null;
  result: "success" | "failure" | "throttled" | "info";
  code: string | null;
  detail: EventFacts | null;
  clientIp: string | null;
  userAgent: string | null;
  serverInstance: string;
  occurredAt: Date;
}

export interface AttemptFacts {
  state: string;
  loginName: string;
  personId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface DiagnosisStep {
  at: string;
  step: string;
  method: string | null;
  result: EventRow["result"];
  code: ErrorCode | null;
  facts: EventFacts;
  /** Helpdesk view only. */
  clientIp?: string | null;
  userAgent?: string | null;
  serverInstance?: string;
}

export interface DeliveryEvidence {
  at: string;
  channel: string;
  status: string;
  /** Helpdesk view only. */
  provider?: string | null;
  error?: string | null;
}

export interface Finding {
  finding: string;
  code: ErrorCode | null;
  step: string | null;
  method: string | null;
  at: string | null;
  params: Record<string, FindingParam>;
  wizard: WizardId;
}

export type Outcome = "signed_in" | "failed" | "in_progress" | "unfinished";

export interface Diagnosis {
  found: true;
  view: "person" | "anonymous" | "helpdesk";
  correlationId: string | null;
  startedAt: string | null;
  outcome: Outcome;
  steps: DiagnosisStep[];
  finding: Finding | null;
  deliveries: DeliveryEvidence[];
  clockOffsetSeconds: number | null;
  lockedUntil: string | null;
  /** Helpdesk view only: who typed what, and the policy that applied. */
  loginName?: string;
  personId?: string | null;
  policy?: { requireTwoStep: boolean; textCodeTtlSeconds: number; textAllowed: boolean; voiceAllowed: boolean };
}

export interface ExplainInput {
  correlationId: string;
  attempt: AttemptFacts | null;
  events: EventRow[];
  at: Date;
  context: RuleContext;
  policy: NonNullable<Diagnosis["policy"]>;
}

const iso = (d: Date) => d.toISOString();

function failedStepOf(event: EventRow): FailedStep {
  return {
    step: event.step,
    method: event.method,
    code: isErrorCode(event.code) ? event.code : null,
    facts: event.detail ?? {},
    at: iso(event.occurredAt),
  };
}

/** The finding for a failed step: the first rule that matches. */
export function findingFor(failed: FailedStep, context: RuleContext): Finding {
  const rule = DIAGNOSIS_RULES.find((r) => r.when(failed))!;
  return {
    finding: rule.finding,
    code: failed.code,
    step: failed.step,
    method: failed.method,
    at: failed.at,
    params: rule.params?.(failed, context) ?? {},
    wizard: rule.wizard,
  };
}

function unfinished(finding: keyof typeof UNFINISHED_FINDINGS, at: string | null): Finding {
  return { finding, code: null, step: null, method: null, at, params: {}, wizard: UNFINISHED_FINDINGS[finding] };
}

/** The full explanation (what the helpdesk sees); `project` narrows it for the person or a browser. */
export function explainSignIn(input: ExplainInput): Diagnosis {
  const events = [...input.events].sort((a, b) => a.id - b.id);
  const signedIn =
    events.some((e) => (e.step === "second_factor" || e.step === "registration" || e.step === "completion") && e.result === "success") ||
    input.attempt?.state === "completed" ||
    input.attempt?.state === "consumed";
  const failures = events.filter((e) => e.result === "failure" || e.result === "throttled");
  const lastFailure = failures[failures.length - 1] ?? null;
  const offsets = events.map((e) => e.detail?.clockOffsetSeconds).filter((v): v is number => typeof v === "number");
  const attemptOver = input.attempt ? input.attempt.expiresAt.getTime() <= input.at.getTime() || input.attempt.state === "expired" : true;

  let outcome: Outcome;
  let finding: Finding | null = null;
  if (signedIn) {
    outcome = "signed_in";
  } else if (lastFailure && (attemptOver || lastFailure.step === "password" || lastFailure.step === "rate_limit" || isTerminal(lastFailure))) {
    outcome = "failed";
    finding = findingFor(failedStepOf(lastFailure), input.context);
  } else if (lastFailure) {
    // Still going after a failure: the failure is what the person is stuck on.
    outcome = "in_progress";
    finding = findingFor(failedStepOf(lastFailure), input.context);
  } else if (input.attempt?.state === "registration_required") {
    outcome = attemptOver ? "unfinished" : "in_progress";
    finding = unfinished("registration_required", iso(input.attempt.createdAt));
  } else {
    outcome = attemptOver ? "unfinished" : "in_progress";
    finding = unfinished(attemptOver ? "factor_unfinished" : "in_progress", input.attempt ? iso(input.attempt.createdAt) : null);
  }

  const deliveries: DeliveryEvidence[] = events
    .filter((e) => e.step === "delivery")
    .map((e) => ({
      at: iso(e.occurredAt),
      channel: e.method ?? "",
      status: String(e.detail?.status ?? e.result),
      provider: typeof e.detail?.provider === "string" ? e.detail.provider : null,
      error: typeof e.detail?.error === "string" ? e.detail.error : null,
    }));

  return {
    found: true,
    view: "helpdesk",
    correlationId: input.correlationId,
    startedAt: events[0] ? iso(events[0].occurredAt) : input.attempt ? iso(input.attempt.createdAt) : null,
    outcome,
    steps: events.map((e) => ({
      at: iso(e.occurredAt),
      step: e.step,
      method: e.method,
      result: e.result,
      code: isErrorCode(e.code) ? e.code : null,
      facts: e.detail ?? {},
      clientIp: e.clientIp,
      userAgent: e.userAgent,
      serverInstance: e.serverInstance,
    })),
    finding,
    deliveries,
    clockOffsetSeconds: offsets.length ? offsets[offsets.length - 1]! : null,
    lockedUntil: input.context.lockedUntil,
    loginName: input.attempt?.loginName,
    personId: input.attempt?.personId ?? null,
    policy: input.policy,
  };
}

/** Failures after which this attempt cannot go on. */
function isTerminal(event: EventRow): boolean {
  return event.code === "ACCOUNT_LOCKED" || event.code === "MFA_REGISTRATION_NOT_ALLOWED" || event.code === "MFA_CALL_FRAUD_REPORTED";
}

/** Facts a person may see about their own steps: timings and statuses, never provider internals. */
const PERSON_FACTS = new Set([
  "clockOffsetSeconds",
  "lockedUntil",
  "codeSentAt",
  "codeExpiredAt",
  "newestCodeSentAt",
  "codeUsedAt",
  "retryAfterSeconds",
  "callState",
  "status",
  "to",
  "calling",
  "sent",
  "next",
  "started",
]);

function personFacts(facts: EventFacts): EventFacts {
  return Object.fromEntries(Object.entries(facts).filter(([key]) => PERSON_FACTS.has(key)));
}

/**
 * What a browser that is not signed in may see of its own attempt: never more than the steps
 * already showed it. A failed password step says only that the username or password was not
 * right, with no time, ID or person in it, so an unknown user, a wrong password and a locked or
 * disabled account are byte-for-byte the same.
 */
export const ANONYMOUS_PASSWORD_FAILURE: Diagnosis = Object.freeze({
  found: true,
  view: "anonymous",
  correlationId: null,
  startedAt: null,
  outcome: "failed",
  steps: [],
  finding: { finding: "invalid_credentials", code: "SIGN_IN_INVALID_CREDENTIALS", step: "password", method: null, at: null, params: {}, wizard: "error-code" },
  deliveries: [],
  clockOffsetSeconds: null,
  lockedUntil: null,
}) as Diagnosis;

/** Narrows the full explanation for an audience. */
export function project(full: Diagnosis, view: Diagnosis["view"]): Diagnosis {
  if (view === "helpdesk") return full;
  const passwordFailed = full.steps.some((s) => s.step === "password" && s.result === "failure") && !full.steps.some((s) => s.step === "password" && s.result === "success");
  if (view === "anonymous" && passwordFailed) return ANONYMOUS_PASSWORD_FAILURE;
  const steps = full.steps
    // A browser sees the steps after the password it proved; the person sees all of theirs.
    .filter((s) => view === "person" || s.step !== "rate_limit")
    .map((s) => ({ at: s.at, step: s.step, method: s.method, result: s.result, code: s.code, facts: personFacts(s.facts) }));
  return {
    found: true,
    view,
    correlationId: full.correlationId,
    startedAt: full.startedAt,
    outcome: full.outcome,
    steps,
    finding: full.finding,
    deliveries: full.deliveries.map((d) => ({ at: d.at, channel: d.channel, status: d.status === "failed" ? "failed" : d.status })),
    clockOffsetSeconds: full.clockOffsetSeconds,
    lockedUntil: full.lockedUntil,
  };
}
