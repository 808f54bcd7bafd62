"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorPanel } from "../../../../_components/ErrorPanel";
import { trpcClient } from "../../../../_lib/trpc";
import { useStepUpAction } from "../../../../_lib/use-step-up";

/** Approve (carries the change out) or refuse one pending change, with this administrator's fresh second factor. */
export function ApprovalDecision({ approvalId }: { approvalId: string }) {
  const t = useTranslations("adminApprovals");
  const locale = useLocale();
  const [done, setDone] = useState<"approved" | "refused" | null>(null);
  const { busy, failure, run, confirm } = useStepUpAction();
  const decide = (decision: "approve" | "refuse") =>
    run(async () => {
      const result = await trpcClient(locale).admin.decideApproval.mutate({ approvalId, decision });
      // The row stays with its outcome; the list is fresh on the next visit.
      setDone(result.decision);
    });
  return (
    <div className="mt-2">
      {failure ? <ErrorPanel details={failure} /> : null}
      {confirm}
      <p role="status" className="text-sm" data-testid="approval-outcome">
        {done ? t(done) : ""}
      </p>
      {done ? null : (
        <div className="mt-1 flex gap-3">
          <button type="button" disabled={busy} onClick={() => decide("approve")} className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white disabled:opacity-50">
            {t("approve")}
          </button>
          <button type="button" disabled={busy} onClick={() => decide("refuse")} className="rounded border border-red-800 px-3 py-1.5 font-medium text-red-900 disabled:opacity-50">
            {t("refuse")}
          </button>
        </div>
      )}
    </div>
  );
}
