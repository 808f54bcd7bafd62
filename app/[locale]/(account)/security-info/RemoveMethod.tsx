"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import type { MethodDescription } from "@/server/verification/methods/method";
import { ErrorPanel } from "../../../_components/ErrorPanel";
import { MethodLabel } from "../../../_components/MethodLabel";
import { trpcClient } from "../../../_lib/trpc";
import { useStepUpAction } from "../../../_lib/use-step-up";

type Named = Pick<MethodDescription, "methodId" | "labelKey" | "detail" | "nickname">;

/**
 * Remove a method: first asks to confirm, naming exactly what goes (label, masked number, the
 * person's own name for it); then "confirm it's you" when the second factor is not fresh (the one
 * fresh-factor flow, useStepUpAction). Security info then says what was removed (?removed=<id>).
 */
export function RemoveMethod({ method }: { method: Named }) {
  const t = useTranslations("securityInfo");
  const labels = useTranslations("methods.labels");
  const locale = useLocale();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const { busy, failure, run, confirm } = useStepUpAction();
  const questionId = `remove-question-${method.methodId}`;

  const remove = () =>
    run(async () => {
      await trpcClient(locale).methods.remove.mutate({ methodId: method.methodId });
      router.replace(`/security-info?removed=${method.methodId}`);
      router.refresh();
    });

  return (
    <div>
      {!asking ? (
        <button type="button" onClick={() => setAsking(true)} className="rounded border border-red-800 bg-white px-3 py-1.5 text-sm font-medium text-red-900 hover:bg-red-50">
          {t("removeMethod", { label: labels(method.labelKey) })}
        </button>
      ) : confirm ? null : (
        <div role="group" aria-labelledby={questionId} className="mt-2 max-w-md rounded border border-red-300 bg-red-50 p-3" data-testid="remove-confirmation">
          <p id={questionId}>{t.rich("removeQuestion", { method: () => <MethodLabel method={method} /> })}</p>
          <p className="mt-1 text-sm">{t("removeEffect")}</p>
          <div className="mt-3 flex flex-wrap gap-3">
            <button type="button" onClick={remove} disabled={busy} className="rounded bg-red-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-900 disabled:opacity-60">
              {t("removeConfirm")}
            </button>
            <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-500 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
              {t("removeCancel")}
            </button>
          </div>
        </div>
      )}
      {confirm}
      {failure ? (
        <div className="mt-3">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
    </div>
  );
}
