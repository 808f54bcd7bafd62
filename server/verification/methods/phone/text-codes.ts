import type { Executor } from "@/db/client";
import type { oneTimeCodes } from "@/db/schema";
import type { ErrorCode, ErrorParams } from "../../../core/errors";
import { enqueueMessage, type Template } from "../../../delivery/enqueue";
import type { AppLocale } from "../../../i18n/translate";
import type { FactorFailure } from "../method";
import { attachMessage, checkOneTimeCode, issueOneTimeCode, type OneTimeCodeCheck, ttlMinutes } from "./one-time-codes";
import { maskPhone } from "./phone-number";
import { reserveSend, type SendPurpose } from "./send-limits";

export type CodePurpose = (typeof oneTimeCodes.$inferSelect)["purpose"];

/** One text code to send: what it is for, whose budget it uses, where it goes and what it says. */
export interface TextCodeRequest {
  /** The code counts only for this purpose and owner (a sign-in attempt, a session, a new number, a caller verification). */
  purpose: CodePurpose;
  ownerId: string;
  /** Whose sending caps it counts toward (send-limits.ts). */
  budget: SendPurpose;
  /** The person it is sent to (whose budget). */
  personId: string;
  methodId: string;
  e164: string;
  country: string | null;
  locale: AppLocale;
  template: Template;
  /** More parameters for the message (a ticket reference); the code and its minutes are added. */
  params?: ErrorParams;
  ttlSeconds: number;
  correlationId: string | null;
  at: Date;
}

export type TextCodeResult =
  | { status: "throttled"; retryAfterSeconds: number }
  /** "queued": left for the caller to deliver after its transaction; "failed": no provider took it. */
  | { status: "sent" | "queued" | "failed"; messageId: string; expiresInSeconds: number };

/**
 * The one text-code sending pipeline (sign-in, step-up, registering a number, the helpdesk
 * verifying a caller): reserve a send within the purpose's caps (over a cap nothing is sent) →
 * issue the code (older ones of this owner and purpose are superseded) → queue the message →
 * link it to the code → `alongside` (the caller's own rows, e.g. its event or audit, in the same
 * transaction) → hand it to the providers now. With `deliver: false` the caller delivers it after
 * its own transaction commits (deliverMessageNow).
 */
export async function sendTextCode(
  db: Executor,
  request: TextCodeRequest,
  options: { alongside?: (tx: Executor, sent: { messageId: string; to: string }) => Promise<void>; deliver?: boolean } = {},
): Promise<TextCodeResult> {
  const limited = await reserveSend(db, { purpose: request.budget, use: "text", personId: request.personId, e164: request.e164, country: request.country, at: request.at });
  if (limited) return { status: "throttled", retryAfterSeconds: limited.retryAfterSeconds };
  const messageId = await db.transaction(async (tx) => {
    const issued = await issueOneTimeCode(tx, {
      personId: request.personId,
      methodId: request.methodId,
      purpose: request.purpose,
      channel: "sms",
      ownerId: request.ownerId,
      at: request.at,
      ttlSeconds: request.ttlSeconds,
    });
    const messageId = await enqueueMessage(tx, {
      channel: "sms",
      recipient: request.e164,
      personId: request.personId,
      locale: request.locale,
      template: request.template,
      params: { ...request.params, code: issued.code, minutes: ttlMinutes(request.ttlSeconds) },
      correlationId: request.correlationId,
      maxAttempts: 1,
    });
    await attachMessage(tx, issued.id, messageId);
    await options.alongside?.(tx, { messageId, to: maskPhone(request.e164) });
    return messageId;
  });
  if (options.deliver === false) return { status: "queued", messageId, expiresInSeconds: request.ttlSeconds };
  return { status: (await deliverMessageNow(messageId)) ? "sent" : "failed", messageId, expiresInSeconds: request.ttlSeconds };
}

/** The person waits for it (a code or a call): hand it to the providers now (in order, failing over); false when every one failed. */
export async function deliverMessageNow(messageId: string): Promise<boolean> {
  const { deliverNow } = await import("../../../delivery/worker");
  return (await deliverNow(messageId)) !== "dead";
}

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

/** Checks a typed text code for its owner and purpose (consumed on a match); a code of the wrong form is a typing slip. */
export async function checkTextCode(
  db: Executor,
  input: { ownerId: string; purpose: CodePurpose; code: string; at: Date },
): Promise<{ ok: true; methodId: string } | FactorFailure> {
  const check = await checkOneTimeCode(db, input);
  if (check.kind === "match") return { ok: true, methodId: check.methodId };
  return {
    ok: false,
    code: ONE_TIME_FAILURES[check.kind],
    params: {},
    detail: oneTimeCodeFacts(check),
    ...(check.kind === "malformed" ? { tally: "given_back" as const } : {}),
  };
}
