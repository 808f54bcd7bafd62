/**
 * Session facts (issue 11): how the person authenticated, in the words other apps understand.
 * - `amr` (RFC 8176): "pwd" for the password, the second factor's own values from the method
 *   registry (amrOfChannel: "sms" a text, "tel" a call, "otp" + "swk" the authenticator app), and
 *   "mfa" once there is a factor besides the password;
 * - `acr`: "mfa" with a second factor, "pwd" with the password alone (db/schema/sessions.ts);
 * - `auth_time`: when the sign-in completed (a later step-up refreshes factor_verified_at, not this).
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type Acr, ACR_VALUES, sessions } from "@/db/schema";

export { ACR_VALUES, type Acr };

export const PASSWORD_AMR = "pwd";
export const MULTI_FACTOR_AMR = "mfa";

export interface SessionFacts {
  amr: string[];
  acr: Acr;
}

/** The facts of a set of amr values: each once, in the order given, "mfa" last when two factors. */
export function factsOf(amr: readonly string[]): SessionFacts {
  const factors = [...new Set(amr)].filter((v) => v !== MULTI_FACTOR_AMR);
  const multi = factors.includes(PASSWORD_AMR) && factors.some((v) => v !== PASSWORD_AMR);
  return { amr: multi ? [...factors, MULTI_FACTOR_AMR] : factors, acr: multi ? "mfa" : "pwd" };
}

/** A sign-in's facts: the password, and the second factor's amr values when one was verified. */
export function signInFacts(factorAmr: readonly string[]): SessionFacts {
  return factsOf([PASSWORD_AMR, ...factorAmr]);
}

/**
 * Adds a factor proven later in the session (a step-up, "confirm it's you") to its facts, in the
 * caller's transaction: its amr values join the session's, the assurance follows, and the second
 * factor counts as fresh from `at` (factor_verified_at). False when the session is gone or revoked.
 */
export async function noteFactorOnSession(tx: Executor, sessionId: string, factor: { amr: readonly string[]; at: Date }): Promise<boolean> {
  if (factor.amr.length === 0) throw new Error("noteFactorOnSession: a factor has at least one amr value");
  const [session] = await tx
    .select({ amr: sessions.amr })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .for("update");
  if (!session) return false;
  const facts = factsOf([...session.amr, ...factor.amr]);
  const updated = await tx
    .update(sessions)
    .set({ amr: facts.amr, acr: facts.acr, factorVerifiedAt: factor.at })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return updated.length === 1;
}

/**
 * What security info names for a session's amr values, in order: message keys under
 * `securityInfo.sessionMethods`. The app's one-time code is its software key ("swk" with "otp"):
 * one "authenticator app"; its notification is that key over a second channel ("swk" with "mca");
 * "mfa" is a conclusion, not a method; values we have no words for are
 * "another method", once.
 */
export const AMR_LABELS = ["password", "appNotification", "app", "sms", "voice", "oneTimeCode", "other"] as const;
export type AmrLabel = (typeof AMR_LABELS)[number];

export function amrLabels(amr: readonly string[]): AmrLabel[] {
  const has = (v: string) => amr.includes(v);
  const labels: AmrLabel[] = [];
  if (has("pwd")) labels.push("password");
  // The app's notification is its software key over a second channel ("swk" with "mca").
  if (has("swk") && has("mca")) labels.push("appNotification");
  if (has("swk") && (has("otp") || !has("mca"))) labels.push("app");
  if (has("sms")) labels.push("sms");
  if (has("tel")) labels.push("voice");
  if (has("otp") && !has("swk")) labels.push("oneTimeCode");
  if (amr.some((v) => !["pwd", "swk", "mca", "sms", "tel", "otp", "mfa"].includes(v))) labels.push("other");
  return labels;
}
