"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Link } from "@/i18n/navigation";
import { ERROR_CATALOG } from "@/server/core/errors";
import { parseErrorDetailsText, MAX_ERROR_DETAILS_TEXT, type ErrorDetailsFields, type ParseResult } from "@/server/troubleshooting/error-details.schemas";
import { prefillQuery } from "@/server/troubleshooting/prefill";

const LABELS: Record<keyof ErrorDetailsFields, string> = {
  errorCode: "errorDetails.code",
  correlationId: "errorDetails.correlationId",
  displaySessionId: "errorDetails.sessionId",
  occurredAt: "errorDetails.timestamp",
  pageUrl: "errorDetails.page",
};

/**
 * "Paste your error details": the Copy text from an error page (Dutch or English labels, or loose
 * text) becomes its fields, then the matching wizard opens with them filled in. Parsed in the
 * browser: nothing is sent until the person continues.
 */
export function PasteDetails() {
  const t = useTranslations();
  const id = useId();
  const [text, setText] = useState("");
  const [result, setResult] = useState<ParseResult | null>(null);
  const wizard = result?.ok && result.fields.errorCode ? ERROR_CATALOG[result.fields.errorCode].wizard : "error-code";
  return (
    <div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setResult(parseErrorDetailsText(text));
        }}
        noValidate
      >
        <label htmlFor={`${id}-text`} className="block font-medium">
          {t("help.pasteLabel")}
        </label>
        <textarea
          id={`${id}-text`}
          rows={6}
          maxLength={MAX_ERROR_DETAILS_TEXT}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={result && !result.ok ? `${id}-problem` : undefined}
          aria-invalid={result && !result.ok ? true : undefined}
          className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
          data-testid="paste-text"
        />
        <button type="submit" className="mt-3 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("help.pasteSubmit")}
        </button>
      </form>
      <div aria-live="polite">
        {result && !result.ok ? (
          <p id={`${id}-problem`} className="mt-3 text-red-800" data-testid="paste-problem">
            {t(`help.pasteProblems.${result.reason}`)}
          </p>
        ) : null}
        {result?.ok ? (
          <div className="mt-4 rounded border border-slate-200 bg-white p-3" data-testid="paste-result">
            <p className="font-medium">{t("help.pasteFound")}</p>
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
              {(Object.keys(LABELS) as Array<keyof ErrorDetailsFields>).map((field) =>
                result.fields[field] ? (
                  <div key={field} className="contents">
                    <dt className="font-medium">{t(LABELS[field])}</dt>
                    <dd className="break-all font-mono" data-field={field}>
                      {result.fields[field]}
                    </dd>
                  </div>
                ) : null,
              )}
            </dl>
            <p className="mt-3">
              <Link href={`/help/wizards/${wizard}${prefillQuery(result.fields)}`} className="font-medium underline" data-testid="paste-continue">
                {t("help.pasteContinue")}
              </Link>
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
