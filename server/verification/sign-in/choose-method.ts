import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { now } from "../../core/clock";
import { AppError } from "../../core/errors";
import type { RequestInfo } from "../../http/request-info";
import { recordSignInEvent } from "../../sign-in-log/record-sign-in-event";
import { attemptForBrowser } from "../attempts";
import { lockParams } from "../factor-params";
import { lockState } from "../lockout";
import { methodRow } from "../methods/method-rows";
import { channelTraits, methodForChannel } from "../methods/registry";
import { type SignInOption, signInOptions } from "../methods/sign-in-options";
import type { MethodChoiceInput } from "../sign-in.schemas";
import { attemptContext, attemptEvent } from "./attempt-event";

/**
 * "Sign in another way": choose one of the person's methods. A channel with a challenge (a text,
 * a call, a push) gets a new one, within the sending caps (a send never resets the failure count; only the
 * newest code works); while the account is locked nothing is sent. The method module sends it;
 * this step writes what happened into the sign-in's events.
 */
export async function chooseSignInMethod(
  input: MethodChoiceInput,
  request: RequestInfo,
): Promise<{ channel: SignInOption["channel"]; display: string | null; expiresInSeconds: number | null; matchNumber: string | null }> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending"]);
  const option = (await signInOptions(db, attempt.personId)).find((o) => o.methodId === input.methodId && o.channel === input.channel);
  if (!option) throw new AppError("NOT_FOUND", { correlationId: attempt.correlationId });
  await db.update(signInAttempts).set({ selectedMethodId: option.methodId, selectedChannel: option.channel }).where(eq(signInAttempts.id, attempt.id));
  const method = methodForChannel(option.channel);
  if (!channelTraits(option.channel).challenged || !method.challenge) return { channel: option.channel, display: option.display, expiresInSeconds: null, matchNumber: null };

  const lock = await lockState(db, attempt.personId, at);
  if (lock.locked) throw new AppError("ACCOUNT_LOCKED", { params: lockParams(lock, at), correlationId: attempt.correlationId });
  const event = { ...attemptEvent(attempt, request), step: "second_factor" as const, method: option.channel };
  const row = await methodRow(db, attempt.personId, option.methodId);
  const sent = await method.challenge(db, attemptContext(attempt, request, at), row!, option.channel, (tx, facts) =>
    recordSignInEvent(tx, { ...event, result: "info", detail: facts }),
  );
  if (sent.status === "throttled") {
    // The sending caps (MFA_THROTTLED), or the method's own limit (push fatigue: MFA_PUSH_LIMIT).
    const code = sent.code ?? "MFA_THROTTLED";
    const seconds = sent.retryAfterSeconds;
    await recordSignInEvent(db, { ...event, result: "throttled", code, detail: { retryAfterSeconds: seconds } });
    throw new AppError(code, { params: { seconds, minutes: Math.ceil(seconds / 60) }, retryAfterSeconds: seconds, correlationId: attempt.correlationId });
  }
  if (sent.status === "failed") {
    // Every provider failed: say so at once, so the person can choose another way.
    await recordSignInEvent(db, { ...event, result: "failure", code: "DELIVERY_FAILED", detail: { messageId: sent.messageId } });
    throw new AppError("DELIVERY_FAILED", { correlationId: attempt.correlationId });
  }
  // Number matching: only this page knows the number a call or a push asks for.
  return { channel: option.channel, display: option.display, expiresInSeconds: sent.expiresInSeconds, matchNumber: sent.matchNumber };
}
