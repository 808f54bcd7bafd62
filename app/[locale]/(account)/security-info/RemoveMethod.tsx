"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "@/i18n/navigation";
import { ErrorPanel } from "../../../_components/ErrorPanel";
import { trpcClient } from "../../../_lib/trpc";
import { useStepUpAction } from "../../../_lib/use-step-up";

/** Remove a method; asks "confirm it's you" first when the second factor is not fresh. */
export function RemoveMethod({ methodId, label }: { methodId: string; label: string }) {
  const t = useTranslations("securityInfo");
  const locale = useLocale();
  const router = useRouter();
  const { busy, failure, run, confirm } = useStepUpAction();

  const remove = () =>
    run(async () => {
      await trpcClient(locale).methods.remove.mutate({ methodId });
      router.refresh();
    });

  return (
    <div>
      <button type="button" onClick={remove} disabled={busy} className="rounded border border-red-800 bg-white px-3 py-1.5 text-sm font-medium text-red-900 hover:bg-red-50">
        {t("removeMethod", { label })}
      </button>
      {confirm}
      {failure ? (
        <div className="mt-3">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
    </div>
  );
}
