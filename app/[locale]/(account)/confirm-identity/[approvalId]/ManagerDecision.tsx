"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "@/i18n/navigation";
import { ErrorPanel } from "../../../../_components/ErrorPanel";
import { trpcClient } from "../../../../_lib/trpc";
import { useStepUpAction } from "../../../../_lib/use-step-up";

/** Confirm or decline; a stale second factor is confirmed first, then the answer is sent. */
export function ManagerDecision({ approvalId }: { approvalId: string }) {
  const t = useTranslations("managerCheck");
  const locale = useLocale();
  const router = useRouter();
  const { busy, failure, run, confirm } = useStepUpAction();
  const decide = (decision: "confirmed" | "declined") =>
    run(async () => {
      await trpcClient(locale).helpdesk.managerDecide.mutate({ approvalId, decision });
      router.refresh();
    });

  return (
    <div className="mt-4">
      {failure ? <ErrorPanel details={failure} /> : null}
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          disabled={busy}
          onClick={() => void decide("confirmed")}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t("confirm")}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void decide("declined")}
          className="rounded border border-red-800 px-4 py-2 font-medium text-red-900 disabled:opacity-60"
        >
          {t("decline")}
        </button>
      </div>
      {confirm}
    </div>
  );
}
