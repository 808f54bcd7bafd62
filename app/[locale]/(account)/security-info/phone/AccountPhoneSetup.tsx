"use client";
import { useRouter } from "@/i18n/navigation";
import { ConfirmIdentity } from "../../../../_components/ConfirmIdentity";
import { PhoneSetup } from "../../../../_components/PhoneSetup";
import { toErrorDetails } from "../../../../_lib/error-details";
import { trpcClient } from "../../../../_lib/trpc";

/** Adding a phone from security info (after "confirm it's you" when needed). */
export function AccountPhoneSetup({ needsConfirmation, role, replaces }: { needsConfirmation: boolean; role: "mobile" | "alternate"; replaces?: string }) {
  const router = useRouter();
  if (needsConfirmation) return <ConfirmIdentity onConfirmed={() => router.refresh()} />;
  return (
    <PhoneSetup
      send={(locale, number) => trpcClient(locale).methods.beginPhone.mutate({ number, role })}
      confirm={async (locale, methodId, code) => {
        try {
          await trpcClient(locale).methods.confirmPhone.mutate({ methodId, code, replaces });
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
