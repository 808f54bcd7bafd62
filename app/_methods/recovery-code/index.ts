import type { ChallengeView } from "../types";
import { RecoveryCodeChallenge } from "./RecoveryCodeChallenge";

/** Recovery codes at sign-in: one code from the person's list; wrong and used codes are worded for the list. */
export const recoveryCodeChallengeViews = {
  recovery_code: {
    channel: "recovery_code",
    errorWording: ["MFA_CODE_INVALID", "MFA_CODE_MALFORMED"],
    helpHref: "/help/wizards/lost-phone",
    Body: RecoveryCodeChallenge,
  },
} satisfies Record<string, ChallengeView>;
