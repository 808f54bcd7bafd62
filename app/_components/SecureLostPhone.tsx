"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import type { MethodDescription } from "@/server/verification/methods/method";
import { trpcClient } from "../_lib/trpc";
import { useStepUpAction } from "../_lib/use-step-up";
import { ErrorPanel } from "./ErrorPanel";
import { MethodLabel } from "./MethodLabel";

/** Lost or stolen phone: tick the methods that were on it; they go, and every other session ends. */
export function SecureLostPhone({ methods }: { methods: Array<Pick<MethodDescription, "labelKey" | "detail" | "nickname"> & { id: string }> }) {
  const t = useTranslations("wizards.checks");
  const locale = useLocale();
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>(methods.map((m) => m.id));
  const { busy, failure, run, confirm } = useStepUpAction();
  const [done, setDone] = useState<{
    removed: number;
    removedMethods: Array<Pick<MethodDescription, "methodId" | "labelKey" | "detail" | "nickname">>;
    sessionsEnded: number;
  } | null>(null);

  const secure = () =>
    run(async () => {
      setDone(await trpcClient(locale).methods.secureLostPhone.mutate({ methodIds: chosen }));
      router.refresh();
    });

  if (done) {
    return (
      <div role="status" data-testid="lost-phone-secured">
        <p>{t("lostPhoneDone", { removed: done.removed, sessions: done.sessionsEnded })}</p>
        <ul className="mt-1 list-disc pl-6" data-testid="lost-phone-removed">
          {done.removedMethods.map((m) => (
            <li key={m.methodId}>
              <MethodLabel method={m} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (methods.length === 0) return <p>{t("lostPhoneNothing")}</p>;
  return (
    <div>
      <fieldset>
        <legend className="font-semibold">{t("lostPhoneLegend")}</legend>
        {methods.map((m) => (
          <div key={m.id} className="mt-2 flex items-center gap-2">
            <input
              id={`lost-${m.id}`}
              type="checkbox"
              className="h-5 w-5"
              checked={chosen.includes(m.id)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, m.id] : c.filter((id) => id !== m.id)))}
            />
            <label htmlFor={`lost-${m.id}`}>
              <MethodLabel method={m} />
            </label>
          </div>
        ))}
      </fieldset>
      <p className="mt-2 text-sm">{t("lostPhoneEffect")}</p>
      <button
        type="button"
        onClick={secure}
        disabled={busy || chosen.length === 0}
        className="mt-3 rounded bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-60"
      >
        {t("lostPhoneSubmit")}
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
