import type { SignInOption } from "@/server/verification/methods/sign-in-options";
import type { ErrorDetails } from "../../../../_lib/error-details";
import type { Challenge } from "../../../../_methods/types";

/**
 * The code page as a small state machine: the way in use, what the server started for it (a text
 * sent, a call placed), whether the page waits for an answer given elsewhere (a ringing call), and
 * the one failure to show. Every way goes through the same states; the views decide what they show.
 */
export interface VerifyState {
  option: SignInOption | null;
  challenge: Challenge | null;
  /** Polling: the server's last word ("ringing", "answered"); null when not waiting. */
  waiting: string | null;
  busy: "choosing" | "pass" | null;
  failure: ErrorDetails | null;
}

export type VerifyEvent =
  /** A way was asked for (chosen under "sign in another way", or sent / called again). */
  | { type: "choose" }
  /** The server started it (signIn.chooseMethod answered); `polls`: this way is waited for. */
  | {
      type: "chosen";
      option: SignInOption;
      answer: { expiresInSeconds: number | null; matchNumber: string | null };
      at: number;
      polls: boolean;
    }
  | { type: "polled"; state: string }
  | { type: "pass" }
  /** Anything refused: a choice, a code, a call, the pass. The way in use stays; waiting ends. */
  | { type: "failed"; failure: ErrorDetails }
  /** A code is being checked: the last failure goes. */
  | { type: "submitting" };

export function initialVerifyState(selected: SignInOption | null): VerifyState {
  return { option: selected, challenge: null, waiting: null, busy: null, failure: null };
}

export function verifyReducer(state: VerifyState, event: VerifyEvent): VerifyState {
  switch (event.type) {
    case "choose":
      return { ...state, busy: "choosing", failure: null };
    case "chosen":
      return {
        option: event.option,
        challenge: {
          startedAt: event.at,
          expiresInSeconds: event.answer.expiresInSeconds,
          matchNumber: event.answer.matchNumber,
          serial: (state.challenge?.serial ?? 0) + 1,
        },
        waiting: event.polls ? "ringing" : null,
        busy: null,
        failure: null,
      };
    case "polled":
      return state.waiting === null ? state : { ...state, waiting: event.state };
    case "pass":
      return { ...state, busy: "pass", failure: null };
    case "failed":
      return { ...state, busy: null, waiting: null, failure: event.failure };
    case "submitting":
      return { ...state, failure: null };
  }
}

/** Two options are the same way: the same method by the same channel. */
export function sameWay(a: SignInOption | null, b: SignInOption | null): boolean {
  return a !== null && b !== null && a.methodId === b.methodId && a.channel === b.channel;
}
