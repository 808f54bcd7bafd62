import type { ChallengeView } from "../types";
import { TotpChallenge } from "./TotpChallenge";

/** The authenticator app at sign-in: its codes need no sending; the catalog's errors are worded for it. */
export const totpChallengeViews = {
  totp: {
    channel: "totp",
    errorWording: [],
    helpHref: "/help/errors/MFA_CODE_INVALID",
    Body: TotpChallenge,
  },
} satisfies Record<string, ChallengeView>;
