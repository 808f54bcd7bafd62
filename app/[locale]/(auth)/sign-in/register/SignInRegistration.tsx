"use client";
import { AuthenticatorSetup } from "../../../../_components/AuthenticatorSetup";
import { trpcClient } from "../../../../_lib/trpc";
import { useFinishSignIn } from "../../../../_lib/use-finish-sign-in";

const start = (locale: string) => trpcClient(locale).signIn.beginRegistration.mutate({});

/** Forced registration during sign-in: set up the app, confirm with its first code, signed in. */
export function SignInRegistration() {
  const finish = useFinishSignIn("/security-info?notice=method-added");
  return (
    <AuthenticatorSetup
      start={start}
      confirm={(locale, methodId, code) => finish(() => trpcClient(locale).signIn.confirmRegistration.mutate({ methodId, code }))}
    />
  );
}
