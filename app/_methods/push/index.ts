import { trpcClient } from "../../_lib/trpc";
import type { ChallengeView } from "../types";
import { PushChallenge } from "./PushChallenge";

/**
 * A push to the authenticator app at sign-in: the page shows the number to type in the app and
 * waits (the shell polls, as for a call) until the app answers or the request runs out.
 */
export const pushChallengeViews = {
  push: {
    channel: "push",
    poll: (locale) => trpcClient(locale).signIn.awaitedStatus.mutate({}),
    errorWording: [],
    helpHref: "/help/wizards/no-code",
    Body: PushChallenge,
  },
} satisfies Record<string, ChallengeView>;
