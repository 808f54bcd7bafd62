import type { ErrorCode } from "../core/errors";
import type { WizardId } from "../troubleshooting/wizard-ids";
import { allMethods } from "../verification/methods/registry";
import { driftParams } from "../verification/verify-second-factor";

/**
 * Diagnosis rules as data: each names a finding (messages: diagnosis.findings.<finding>.what/.fix),
 * the failed step it explains, the evidence it reads from that step's event, and the wizard that
 * helps further. The first rule whose `when` holds explains the failure. A method brings its own
 * rules in its module (`findings` in the method contract); the engine does not change.
 */
export type EventFacts = Record<string, string | number | boolean | null>;

/** A value a finding's message interpolates: text, a number, or a moment the page formats in its language. */
export type FindingParam = string | number | { time: string };

export interface FailedStep {
  step: string;
  method: string | null;
  code: ErrorCode | null;
  facts: EventFacts;
  at: string;
}

export interface DiagnosisRule {
  finding: string;
  when: (failed: FailedStep) => boolean;
  params?: (failed: FailedStep, context: RuleContext) => Record<string, FindingParam>;
  wizard: WizardId;
}

export interface RuleContext {
  /** The text-code lifetime the policy set (seconds). */
  textCodeTtlSeconds: number;
  /** When the second-factor lock ends, if the person is locked now. */
  lockedUntil: string | null;
}

const time = (value: unknown): FindingParam => (typeof value === "string" ? { time: value } : "");
const code = (c: ErrorCode) => (failed: FailedStep) => failed.code === c;

const GENERAL_RULES: DiagnosisRule[] = [
  { finding: "invalid_credentials", when: code("SIGN_IN_INVALID_CREDENTIALS"), wizard: "error-code" },
  { finding: "rate_limited", when: code("RATE_LIMITED"), wizard: "error-code" },
  { finding: "registration_not_allowed", when: code("MFA_REGISTRATION_NOT_ALLOWED"), wizard: "not-prompted" },
  {
    finding: "locked",
    when: code("ACCOUNT_LOCKED"),
    params: (failed, context) => ({ until: time(context.lockedUntil ?? failed.facts.lockedUntil) }),
    wizard: "no-code",
  },
  {
    finding: "clock_drift",
    when: code("MFA_CLOCK_DRIFT"),
    params: (failed) => driftParams(Number(failed.facts.clockOffsetSeconds ?? 0)),
    wizard: "no-code",
  },
  {
    finding: "code_superseded",
    when: code("MFA_CODE_SUPERSEDED"),
    params: (failed) => ({ sentAt: time(failed.facts.codeSentAt), newestSentAt: time(failed.facts.newestCodeSentAt) }),
    wizard: "no-code",
  },
  {
    finding: "code_expired",
    when: code("MFA_CODE_EXPIRED"),
    params: (failed, context) => ({
      sentAt: time(failed.facts.codeSentAt),
      expiredAt: time(failed.facts.codeExpiredAt),
      minutes: Math.max(1, Math.round(context.textCodeTtlSeconds / 60)),
    }),
    wizard: "no-code",
  },
  { finding: "code_replayed_text", when: (f) => f.code === "MFA_CODE_REPLAYED" && f.method === "sms", wizard: "no-code" },
  { finding: "code_replayed_app", when: code("MFA_CODE_REPLAYED"), wizard: "no-code" },
  { finding: "code_malformed", when: code("MFA_CODE_MALFORMED"), wizard: "no-code" },
  { finding: "code_invalid_text", when: (f) => f.code === "MFA_CODE_INVALID" && f.method === "sms", wizard: "no-code" },
  { finding: "code_invalid_app", when: code("MFA_CODE_INVALID"), wizard: "no-code" },
  {
    finding: "throttled",
    when: code("MFA_THROTTLED"),
    params: (failed) => ({ retryAt: { time: new Date(Date.parse(failed.at) + Number(failed.facts.retryAfterSeconds ?? 0) * 1000).toISOString() } }),
    wizard: "no-code",
  },
  { finding: "delivery_failed", when: code("DELIVERY_FAILED"), wizard: "no-code" },
  { finding: "call_unanswered", when: code("MFA_CALL_UNANSWERED"), wizard: "no-code" },
  { finding: "call_no_keypress", when: code("MFA_CALL_NO_KEYPRESS"), wizard: "no-code" },
  { finding: "call_declined", when: code("MFA_CALL_DECLINED"), wizard: "no-code" },
  { finding: "call_fraud_reported", when: code("MFA_CALL_FRAUD_REPORTED"), wizard: "lost-phone" },
  { finding: "call_wrong_number", when: code("MFA_CALL_WRONG_NUMBER"), wizard: "no-code" },
  { finding: "completion_failed", when: code("SIGN_IN_COMPLETION_FAILED"), wizard: "error-code" },
  // Any other catalog code: the catalog's own explanation.
  { finding: "other", when: (f) => f.code !== null, params: (f) => ({ code: f.code! }), wizard: "error-code" },
];

/** Each method's own findings (its module's `findings`) first, then the general ones. */
export const DIAGNOSIS_RULES: DiagnosisRule[] = [...allMethods().flatMap((m) => m.findings ?? []), ...GENERAL_RULES];

/** Findings for a sign-in that did not fail at a step but did not finish either. */
export const UNFINISHED_FINDINGS = {
  /** The password was right; the person was asked to register a first method and did not finish. */
  registration_required: "not-prompted",
  /** The second factor was asked for and never given within the attempt's 10 minutes. */
  factor_unfinished: "no-code",
  /** Still going (within 10 minutes). */
  in_progress: "no-code",
} as const satisfies Record<string, WizardId>;

export const FINDINGS = [...new Set([...DIAGNOSIS_RULES.map((r) => r.finding), ...Object.keys(UNFINISHED_FINDINGS)])];
