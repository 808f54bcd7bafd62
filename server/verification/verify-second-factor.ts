import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods } from "@/db/schema";
import type { ErrorCode, ErrorParams } from "../core/errors";
import { clockTime } from "../i18n/translate";
import { asciiDigits } from "../validation/text";
import { beginFactorTry, clearFailureRun, recordFactorFailure, releaseFactorTry, type LockState } from "./lockout";
import { checkOneTimeCode, type OneTimeCodeCheck } from "./methods/phone/one-time-codes";
import { confirmedTotpMethods, consumeTotpStep } from "./methods/totp/totp-methods";
import { checkTotpCode, type TotpCheck } from "./methods/totp/verify-totp-code";

export type FactorOutcome =
  | { ok: true; method: "totp" | "sms"; methodId: string }
  | { ok: false; code: ErrorCode; params: ErrorParams; detail: Record<string, string | number | boolean | null> };

/**
 * People type codes with spaces or dashes ("123 456"); those are not part of the code. Digits from
 * any keyboard (full-width, Arabic-Indic) are the same digits: checked as ASCII.
 */
export function normalizeCode(code: string): string {
  return asciiDigits(code).replace(/[\s-]/g, "");
}

const RANK: Record<TotpCheck["kind"], number> = { match: 4, replayed: 3, drift: 2, wrong: 1, malformed: 0 };

/** "about 3 minutes behind": seconds below two minutes, whole minutes above. */
export function driftParams(offsetSeconds: number): ErrorParams {
  const size = Math.abs(offsetSeconds);
  return size < 120
    ? { amount: size, unit: "seconds", direction: offsetSeconds < 0 ? "behind" : "ahead" }
    : { amount: Math.round(size / 60), unit: "minutes", direction: offsetSeconds < 0 ? "behind" : "ahead" };
}

export function lockParams(lock: Extract<LockState, { locked: true }>, at: Date): ErrorParams {
  return { minutes: Math.max(1, Math.ceil((lock.until.getTime() - at.getTime()) / 60_000)), time: clockTime(lock.until) };
}

type Failure = { code: ErrorCode; params: ErrorParams; detail: Record<string, string | number | boolean | null> };

const ONE_TIME_FAILURES: Record<Exclude<OneTimeCodeCheck["kind"], "match">, ErrorCode> = {
  malformed: "MFA_CODE_MALFORMED",
  expired: "MFA_CODE_EXPIRED",
  superseded: "MFA_CODE_SUPERSEDED",
  replayed: "MFA_CODE_REPLAYED",
  wrong: "MFA_CODE_INVALID",
};

/** What diagnosis needs to explain a refused text code: when it was sent, expired or replaced. */
function oneTimeCodeFacts(check: Exclude<OneTimeCodeCheck, { kind: "match" }>): Record<string, string | null> {
  switch (check.kind) {
    case "expired":
      return { codeSentAt: check.sentAt.toISOString(), codeExpiredAt: check.expiredAt.toISOString() };
    case "superseded":
      return { codeSentAt: check.sentAt.toISOString(), newestCodeSentAt: check.newestSentAt.toISOString() };
    case "replayed":
      return { codeUsedAt: check.usedAt?.toISOString() ?? null };
    default:
      return {};
  }
}

/**
 * Counts a failure toward the shared lockout; a failure that locks answers ACCOUNT_LOCKED. A code
 * of the wrong form (wrong length, not digits) is a typing slip, not a guess: its try is given back.
 */
async function fail(
  db: Executor,
  input: { personId: string; at: Date; correlationId: string | null; clientIp: string | null },
  run: number,
  method: string,
  failure: Failure,
): Promise<FactorOutcome> {
  if (failure.code === "MFA_CODE_MALFORMED") {
    await releaseFactorTry(db, input.personId, input.at);
    return { ok: false, ...failure };
  }
  const after = await recordFactorFailure(db, {
    personId: input.personId,
    at: input.at,
    correlationId: input.correlationId,
    clientIp: input.clientIp,
    run,
    method,
    code: failure.code,
  });
  if (after.locked) {
    return { ok: false, code: "ACCOUNT_LOCKED", params: lockParams(after, input.at), detail: { ...failure.detail, failure: failure.code, lockedUntil: after.until.toISOString() } };
  }
  return { ok: false, ...failure };
}

/**
 * Checks a code under the shared lockout: refused unchecked while locked; a failure counts toward
 * the lock; a success consumes the code and ends the run of failures. By default against the
 * person's authenticator apps; `via` a text message, against the newest code sent to that owner.
 * Used by the sign-in factor step and by step-up ("confirm it's you").
 */
export async function verifySecondFactorCode(
  db: Executor,
  input: {
    personId: string;
    code: string;
    at: Date;
    correlationId: string | null;
    clientIp: string | null;
    via?: { channel: "sms"; ownerId: string; purpose?: "sign_in" | "step_up" };
  },
): Promise<FactorOutcome> {
  const { personId, at } = input;
  // Counted before it is checked: the decision is made on the count this try got (see lockout.ts).
  const place = await beginFactorTry(db, personId, at);
  if (!place.ok) {
    return { ok: false, code: "ACCOUNT_LOCKED", params: lockParams(place.lock, at), detail: { lockedUntil: place.lock.until.toISOString(), counted: false } };
  }
  const code = normalizeCode(input.code);
  if (input.via) {
    const check = await checkOneTimeCode(db, { ownerId: input.via.ownerId, purpose: input.via.purpose ?? "sign_in", code, at });
    if (check.kind === "match") {
      await db.update(mfaMethods).set({ lastUsedAt: at }).where(eq(mfaMethods.id, check.methodId));
      await clearFailureRun(db, personId, at);
      return { ok: true, method: "sms", methodId: check.methodId };
    }
    return fail(db, input, place.run, "sms", { code: ONE_TIME_FAILURES[check.kind], params: {}, detail: oneTimeCodeFacts(check) });
  }
  let best: { check: TotpCheck; methodId: string } | null = null;
  for (const method of await confirmedTotpMethods(db, personId)) {
    let check = await checkTotpCode(method.parameters, code, at, method.lastUsedStep);
    if (check.kind === "match" && !(await consumeTotpStep(db, method.methodId, check.timeStep))) {
      check = { kind: "replayed", timeStep: check.timeStep };
    }
    if (check.kind === "match") {
      await db.update(mfaMethods).set({ lastUsedAt: at }).where(eq(mfaMethods.id, method.methodId));
      await clearFailureRun(db, personId, at);
      return { ok: true, method: "totp", methodId: method.methodId };
    }
    if (!best || RANK[check.kind] > RANK[best.check.kind]) best = { check, methodId: method.methodId };
  }

  const check = best?.check ?? { kind: "wrong" as const };
  const failure: Failure =
    check.kind === "malformed"
      ? { code: "MFA_CODE_MALFORMED", params: {}, detail: {} }
      : check.kind === "replayed"
        ? { code: "MFA_CODE_REPLAYED", params: {}, detail: { event: "authn_token_reuse" } }
        : check.kind === "drift"
          ? { code: "MFA_CLOCK_DRIFT", params: driftParams(check.offsetSeconds), detail: { clockOffsetSeconds: check.offsetSeconds } }
          : { code: "MFA_CODE_INVALID", params: {}, detail: {} };
  return fail(db, input, place.run, "totp", failure);
}
