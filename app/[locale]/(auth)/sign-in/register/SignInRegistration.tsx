"use client";
import { useRouter } from "@/i18n/navigation";
import { AuthenticatorSetup } from "../../../../_components/AuthenticatorSetup";
import { toErrorDetails } from "../../../../_lib/error-details";
import { finishSignIn } from "../../../../_lib/finish-sign-in";
import { trpcClient } from "../../../../_lib/trpc";

const start = (locale: string) => trpcClient(locale).signIn.beginRegistration.mutate({});

/** Forced registration during sign-in: set up the app, confirm with its first code, signed in. */
export function SignInRegistration() {
  const router = useRouter();
  return (
    <AuthenticatorSetup
      start={start}
      confirm={async (locale, methodId, code) => {
        try {
          const step = await trpcClient(locale).signIn.confirmRegistration.mutate({ methodId, code });
          const problem = await finishSignIn(step);
          if (problem) return problem;
          router.replace("/security-info?notice=method-added");
          router.refresh();
          return null;
        } catch (error) {
          return toErrorDetails(error);
        }
      }}
    />
  );
}
