import { trpcClient } from "../../_lib/trpc";
import type { ChallengeView } from "../types";
import { CallChallenge } from "./CallChallenge";
import { TextChallenge } from "./TextChallenge";

/**
 * A phone at sign-in: a text (a code to type) and a call (answered, the shown number typed, then #).
 * Neither mentions the authenticator app: the codes below are worded for the text or the call.
 */
export const phoneChallengeViews = {
  sms: {
    channel: "sms",
    errorWording: ["MFA_CODE_INVALID", "MFA_CODE_EXPIRED", "MFA_CODE_SUPERSEDED", "MFA_CODE_REPLAYED", "MFA_CODE_MALFORMED", "DELIVERY_FAILED"],
    helpHref: "/help/wizards/no-code",
    Body: TextChallenge,
  },
  voice: {
    channel: "voice",
    poll: (locale) => trpcClient(locale).signIn.awaitedStatus.mutate({}),
    errorWording: ["DELIVERY_FAILED"],
    helpHref: "/help/wizards/no-code",
    Body: CallChallenge,
  },
} satisfies Record<string, ChallengeView>;
