"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorPanel } from "../../../../_components/ErrorPanel";
import { trpcClient } from "../../../../_lib/trpc";
import { useStepUpAction } from "../../../../_lib/use-step-up";

/**
 * Making a new set of recovery codes (after "confirm it's you" when the second factor is not
 * fresh), then showing it once: copy, download as a text file, print.
 */
export function RecoveryCodes({ hasSet }: { hasSet: boolean }) {
  const t = useTranslations("recoveryCodes");
  const locale = useLocale();
  const step = useStepUpAction();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [copied, setCopied] = useState(false);

  const text = codes ? `${t("fileHeading")}\n\n${codes.join("\n")}\n\n${t("fileFooter")}\n` : "";

  async function copy() {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "tweestap-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  }

  if (codes) {
    return (
      <section className="mt-4" aria-labelledby="new-codes-heading" data-testid="recovery-codes-shown">
        <h2 id="new-codes-heading" className="text-lg font-semibold">
          {t("shownTitle")}
        </h2>
        <p className="mt-1 print:hidden" role="status">
          {t("shownOnce")}
        </p>
        <ol className="mt-3 grid grid-cols-1 gap-1 rounded border border-slate-300 bg-white p-3 font-mono text-lg sm:grid-cols-2" data-testid="recovery-code-list">
          {codes.map((code) => (
            <li key={code} className="whitespace-nowrap">
              {code}
            </li>
          ))}
        </ol>
        <div className="mt-3 flex flex-wrap gap-2 print:hidden">
          <button type="button" onClick={copy} className="rounded border border-slate-800 px-3 py-2" data-testid="recovery-codes-copy">
            {copied ? t("copied") : t("copy")}
          </button>
          <button type="button" onClick={download} className="rounded border border-slate-800 px-3 py-2" data-testid="recovery-codes-download">
            {t("download")}
          </button>
          <button type="button" onClick={() => window.print()} className="rounded border border-slate-800 px-3 py-2" data-testid="recovery-codes-print">
            {t("print")}
          </button>
        </div>
      </section>
    );
  }

  return (
    <div className="mt-4">
      {hasSet ? <p className="text-slate-700">{t("replaceWarning")}</p> : null}
      <button
        type="button"
        disabled={step.busy}
        onClick={() =>
          step.run(async () => {
            const made = await trpcClient(locale).methods.generateRecoveryCodes.mutate({});
            setCodes(made.codes);
          })
        }
        className="mt-3 rounded bg-brand-700 px-4 py-2 font-semibold text-white"
        data-testid="recovery-codes-generate"
      >
        {step.busy ? t("generating") : hasSet ? t("regenerate") : t("generate")}
      </button>
      {step.confirm}
      {step.failure ? <ErrorPanel details={step.failure} /> : null}
    </div>
  );
}
