import type { ComponentType } from "react";
import type { ErrorCode } from "@/server/core/errors";
import type { MethodDescription } from "@/server/verification/methods/method";
import type { SignInOption } from "@/server/verification/methods/sign-in-options";
import type { ErrorDetails } from "../_lib/error-details";
import type { CompletedStep } from "../_lib/finish-sign-in";

export type Channel = SignInOption["channel"];
export type LabelKey = MethodDescription["labelKey"];
/** How a sign-in option names its method (what <MethodLabel> shows). */
export type OptionMethod = Pick<MethodDescription, "labelKey" | "detail">;

/** What the server started when this way was chosen (signIn.chooseMethod): a text sent, a call placed. */
export interface Challenge {
  /** Browser time (ms) the answer arrived: countdowns run from here. */
  startedAt: number;
  /** How long the code works (a text) or the phone rings (a call); null: nothing runs out. */
  expiresInSeconds: number | null;
  /** Number matching: the digits a call asks for, shown only on this page. */
  matchNumber: string | null;
  /** Counts the challenges of this page, so a view can tell a new one from the last. */
  serial: number;
}

/** Waiting for an answer given elsewhere (a call now, later a push): still waiting, or the finished step. */
export type PollStatus = (CompletedStep & { status: "completed" }) | { status: "waiting"; state: string };

/** What the code page shell gives the chosen view. */
export interface ChallengeProps {
  option: SignInOption;
  /** The option's method, for <MethodLabel> (from the registry's one mapping). */
  method: OptionMethod;
  /** What the server started for this way; null until it was chosen on this page (or for an app code). */
  challenge: Challenge | null;
  /** While the shell polls (a ringing or answered call): the last state the server gave; null otherwise. */
  waiting: string | null;
  /** A choice or the temporary pass is being sent. */
  busy: boolean;
  /** Ask the server again: send a (new) text, call (again). */
  start: () => void;
  /** Submit a typed code; the shell shows a refusal in its error panel and returns it (null: signed in). */
  submitCode: (code: string) => Promise<ErrorDetails | null>;
}

/**
 * One way to give the second factor at sign-in, as the code page shows it. Its texts live under
 * messages `verify.ways.<channel>`: title, intro, option (the "sign in another way" button), trouble
 * (the help link's text) and, for the codes in `errorWording`, errors.<CODE>.title/message (the
 * code page) and .cause/.fix (the help pages, when the failure happened on this way).
 */
export interface ChallengeView {
  channel: Channel;
  /** Polled every 2 s while `waiting` (after the server started a challenge). */
  poll?: (locale: string) => Promise<PollStatus>;
  /** Errors this view words itself; every other code uses the catalog's errors.<CODE>. */
  errorWording: readonly ErrorCode[];
  /** Where the "trouble" link goes. */
  helpHref: string;
  Body: ComponentType<ChallengeProps>;
}
