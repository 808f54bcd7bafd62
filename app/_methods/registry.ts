/**
 * The code page's ways to sign in, by channel: one line per method (a method's folder exports its
 * views). The code page shell (sign-in/verify/VerifyCode.tsx) asks here and never names a channel.
 */
import type { ErrorCode } from "@/server/core/errors";
import type { SignInOption } from "@/server/verification/methods/sign-in-options";
import { phoneChallengeViews } from "./phone";
import { pushChallengeViews } from "./push";
import { recoveryCodeChallengeViews } from "./recovery-code";
import { totpChallengeViews } from "./totp";
import type { Channel, ChallengeView, OptionMethod } from "./types";

const CHALLENGE_VIEWS = {
  ...pushChallengeViews,
  ...totpChallengeViews,
  ...phoneChallengeViews,
  ...recoveryCodeChallengeViews,
} satisfies Record<Channel, ChallengeView>;

export function challengeViewFor(channel: Channel): ChallengeView {
  return CHALLENGE_VIEWS[channel];
}

export function allChallengeViews(): ChallengeView[] {
  return Object.values(CHALLENGE_VIEWS);
}

/** Where a way's texts live in messages/{nl,en}.json. */
export function wayMessages(channel: Channel): `verify.ways.${Channel}` {
  return `verify.ways.${channel}`;
}

/** The one mapping from a sign-in option to the method <MethodLabel> names ("Mobile phone +31 6 ••••• 42"). */
export function optionMethod(option: SignInOption): OptionMethod {
  return { labelKey: option.labelKey, detail: option.display };
}

/** The message keys that word a refusal: title and message (the code page), cause and fix (the help pages). */
export interface ErrorWordingKeys {
  title: string;
  message: string;
  cause: string;
  fix: string;
}

/** The message keys of a refusal as this way words it, or null: the catalog's errors.<CODE> apply. */
export function errorWordingKeys(channel: Channel, code: ErrorCode): ErrorWordingKeys | null {
  if (!challengeViewFor(channel).errorWording.includes(code)) return null;
  const base = `${wayMessages(channel)}.errors.${code}`;
  return { title: `${base}.title`, message: `${base}.message`, cause: `${base}.cause`, fix: `${base}.fix` };
}

/**
 * How the help pages explain a refusal: as the way it happened on words it (the channel the sign-in
 * event recorded: a wrong text code is explained for the text), otherwise, or when the way is not
 * known, with the catalog's errors.<CODE>.
 */
export function explanationKeys(channel: Channel | null, code: ErrorCode): ErrorWordingKeys {
  const base = `errors.${code}`;
  return (channel ? errorWordingKeys(channel, code) : null) ?? { title: `${base}.title`, message: `${base}.message`, cause: `${base}.cause`, fix: `${base}.fix` };
}
