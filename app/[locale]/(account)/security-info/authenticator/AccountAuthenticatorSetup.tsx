"use client";
import { useRouter } from "@/i18n/navigation";
import { AuthenticatorSetup } from "../../../../_components/AuthenticatorSetup";
import { ConfirmIdentity } from "../../../../_components/ConfirmIdentity";
import { toErrorDetails } from "../../../../_lib/error-details";
import { trpcClient } from "../../../../_lib/trpc";
import { PushActivation } from "./PushActivation";

const start = (locale: string) => trpcClient(locale).methods.beginAuthenticator.mutate({});

/**
 * Adding an authenticator app from security info (after "confirm it's you" when needed): with
 * notifications (the device activates, push and codes) or with verification codes only. `way` is
 * null only while confirmation is needed (the page shows the choice after it).
 */
export function AccountAuthenticatorSetup({
  needsConfirmation,
  way,
  companionUrl,
}: {
  needsConfirmation: boolean;
  way: "notifications" | "codes" | null;
  companionUrl: string | null;
}) {
  const router = useRouter();
  if (needsConfirmation) return <ConfirmIdentity onConfirmed={() => router.refresh()} />;
  if (way === "notifications") return <PushActivation />;
  return (
    <AuthenticatorSetup
      start={start}
      companionUrl={companionUrl}
      confirm={async (locale, methodId, code) => {
        try {
          await trpcClient(locale).methods.confirmAuthenticator.mutate({ methodId, code });
          router.replace(`/security-info?notice=method-added&method=${methodId}`);
          router.refresh();
          return null;
        } catch (error) {
          return toErrorDetails(error);
        }
      }}
    />
  );
}
