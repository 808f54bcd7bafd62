import { and, desc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people, signInEvents, type ErrorDetailsFieldsRow } from "@/db/schema";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { sendersFor } from "../delivery/providers/registry";
import { diagnoseForCaller } from "../diagnosis/diagnose-sign-in";
import type { DeliveryEvidence, Diagnosis } from "../diagnosis/explain";
import { failureChannel } from "../diagnosis/failure-channel";
import { isErrorCode, type ErrorCode } from "../core/errors";
import { hasFreshFactor } from "../methods/fresh-factor";
import { listMethods, type MethodSummary } from "../methods/manage-methods";
import type { Channel } from "../verification/methods/method";
import { getPolicy } from "../policy/policy";
import { notPromptedReason, type NotPromptedReason } from "./not-prompted";
import type { CheckId } from "./wizards";

/**
 * The state-aware parts of a wizard step, read from the person's real state: their methods, the
 * delivery of their codes from our log, the sender numbers from the provider settings, the policy,
 * the diagnosis of the sign-in the run is about. Signed out, only what this browser may see.
 */
export type CheckResult =
  | { check: "diagnosis"; diagnosis: Diagnosis | null }
  | { check: "methods"; signedIn: boolean; methods: MethodSummary[] }
  | { check: "delivery"; deliveries: DeliveryEvidence[] }
  | { check: "senders"; sms: string[]; voice: string[] }
  | { check: "clock"; serverTime: string }
  | ({ check: "not_prompted" } & NotPromptedReason)
  | { check: "policy"; requireTwoStep: boolean | null; methodCount: number | null }
  | { check: "lost_phone_methods"; signedIn: boolean; methods: MethodSummary[]; freshFactor: boolean }
  /** `channel`: the way the refusal happened on (from the sign-in's events), so the help words it for that way; null: unknown. */
  | { check: "error_code"; code: ErrorCode | null; channel: Channel | null }
  | { check: "countries"; allowed: string[] | null };

export interface CheckContext {
  session: SessionContext | null;
  cookieHeader: string | null;
  prefill: ErrorDetailsFieldsRow;
}

async function diagnosisOf(context: CheckContext): Promise<Diagnosis | null> {
  let correlationId = context.prefill.correlationId ?? null;
  if (!correlationId && context.session) {
    // Signed in without an ID: the person's most recent sign-in that went wrong.
    const db = await getDb();
    const [latest] = await db
      .select({ correlationId: signInEvents.correlationId })
      .from(signInEvents)
      .where(and(eq(signInEvents.personId, context.session.person.id), eq(signInEvents.result, "failure"), isNotNull(signInEvents.attemptId)))
      .orderBy(desc(signInEvents.id))
      .limit(1);
    correlationId = latest?.correlationId ?? null;
  }
  if (!correlationId) return null;
  const answer = await diagnoseForCaller({ correlationId, personId: context.session?.person.id ?? null, cookieHeader: context.cookieHeader });
  return answer.found ? answer : null;
}

async function organisationPolicy(session: SessionContext | null) {
  if (!session) return null;
  const db = await getDb();
  const [person] = await db.select({ organisationId: people.organisationId }).from(people).where(eq(people.id, session.person.id));
  return person ? getPolicy(db, person.organisationId) : null;
}

export async function runChecks(checks: readonly CheckId[], context: CheckContext): Promise<CheckResult[]> {
  const { session } = context;
  const methods = session && checks.some((c) => c === "methods" || c === "lost_phone_methods" || c === "policy") ? await listMethods(session) : [];
  const needsDiagnosis = checks.includes("diagnosis") || checks.includes("delivery") || checks.includes("error_code");
  const diagnosis = needsDiagnosis ? await diagnosisOf(context) : null;
  const policy = checks.includes("policy") || checks.includes("countries") ? await organisationPolicy(session) : null;
  const results: CheckResult[] = [];
  for (const check of checks) {
    switch (check) {
      case "diagnosis":
        results.push({ check, diagnosis });
        break;
      case "methods":
        results.push({ check, signedIn: session !== null, methods });
        break;
      case "delivery":
        results.push({ check, deliveries: diagnosis?.deliveries ?? [] });
        break;
      case "senders":
        results.push({ check, sms: sendersFor("sms"), voice: sendersFor("voice") });
        break;
      case "clock":
        results.push({ check, serverTime: now().toISOString() });
        break;
      case "not_prompted":
        results.push({ check, ...(await notPromptedReason({ session, cookieHeader: context.cookieHeader })) });
        break;
      case "policy":
        results.push({ check, requireTwoStep: policy?.requireTwoStep ?? null, methodCount: session ? methods.length : null });
        break;
      case "lost_phone_methods":
        results.push({
          check,
          signedIn: session !== null,
          // The methods a phone carries: the authenticator app and the mobile number (an alternate or
          // office phone is another phone, which the person may still have).
          methods: methods.filter((m) => m.labelKey === "totp" || m.labelKey === "mobile"),
          freshFactor: session ? hasFreshFactor(session, now()) : false,
        });
        break;
      case "error_code": {
        const code = isErrorCode(context.prefill.errorCode) ? context.prefill.errorCode : null;
        results.push({ check, code, channel: code ? failureChannel(diagnosis, code) : null });
        break;
      }
      case "countries":
        results.push({ check, allowed: policy?.allowedCountryCodes ?? null });
        break;
    }
  }
  return results;
}
