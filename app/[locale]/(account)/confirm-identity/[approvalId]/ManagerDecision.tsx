"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { ConfirmIdentity } from "../../../../_components/ConfirmIdentity";
import { ErrorPanel } from "../../../../_components/ErrorPanel";
import { toErrorDetails, type ErrorDetails } from "../../../../_lib/error-details";
import { trpcClient } from "../../../../_lib/trpc";

/** Confirm or decline; a stale second factor is confirmed first, then the answer is sent. */
export function ManagerDecision({ approvalId }: { approvalId: string }) {
  const t = useTranslations("managerCheck");
  const locale = useLocale();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const [pending, setPending] = useState<"confirmed" | "declined" | null>(null);

  async function decide(decision: "confirmed" | "declined") {
    setBusy(true);
    setFailure(null);
    try {
      await trpcClient(locale).helpdesk.managerDecide.mutate({ approvalId, decision });
      router.refresh();
    } catch (error) {
      const details = toErrorDetails(error);
      if (details.code === "MFA_FRESH_FACTOR_REQUIRED") setPending(decision);
      else setFailure(details);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mt-4">
      {failure ? <ErrorPanel details={failure} /> : null}
      <div className="flex flex-wrap gap-3">
        <button type="button" disabled={busy} onClick={() => void decide("confirmed")} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
          {t("confirm")}
        </button>
        <button type="button" disabled={busy} onClick={() => void decide("declined")} className="rounded border border-red-800 px-4 py-2 font-medium text-red-900 disabled:opacity-60">
          {t("decline")}
        </button>
      </div>
      {pending ? (
        <ConfirmIdentity
          onConfirmed={() => {
            const decision = pending;
            setPending(null);
            void decide(decision);
          }}
        />
      ) : null}
    </div>
  );
}
