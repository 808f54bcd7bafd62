import { getDb } from "@/db/client";
import { now } from "../../core/clock";
import type { RequestInfo } from "../../http/request-info";
import { attemptForBrowser } from "../attempts";
import { lockParams } from "../factor-params";
import { lockState } from "../lockout";
import { type SignInOption, signInOptions } from "../methods/sign-in-options";

export interface FactorStepState {
  correlationId: string;
  locked: null | { minutes: number; time: string };
  /** Every way this person can give the second factor, strongest first. */
  options: SignInOption[];
  /** The way in use now (the first option until the person chooses another). */
  selected: SignInOption | null;
}

/** What the second-factor page shows: the ways to sign in, the chosen one, and any lock. */
export async function factorStepState(request: RequestInfo): Promise<FactorStepState> {
  const db = await getDb();
  const at = now();
  const attempt = await attemptForBrowser(db, request.cookieHeader, at, ["factor_pending"]);
  const lock = await lockState(db, attempt.personId, at);
  const options = await signInOptions(db, attempt.personId);
  const selected = options.find((o) => o.methodId === attempt.selectedMethodId && o.channel === attempt.selectedChannel) ?? options[0] ?? null;
  return { correlationId: attempt.correlationId, locked: lock.locked ? lockParams(lock, at) : null, options, selected };
}
