"use client";
import { useTranslations, useLocale } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Link } from "@/i18n/navigation";
import { formatWithOffset, safePageUrl } from "../_lib/format";
import type { ErrorDetails } from "../_lib/error-details";
import { ERROR_CATALOG } from "@/server/core/errors";
import { prefillQuery } from "@/server/troubleshooting/prefill";

/**
 * Every failure shows: its message in the page language, View details (error code, correlation
 * ID, session ID, timestamp with offset, page), one Copy button and one Get help link, which opens
 * the wizard that matches the code with those fields filled in. `wording` replaces the catalog's
 * title and message where a page words the code for the way in use (a wrong code from a text).
 */
export function ErrorPanel({ details, wording }: { details: ErrorDetails; wording?: { title: string; message: string } }) {
  const t = useTranslations();
  const locale = useLocale();
  const headingId = useId();
  const [pageUrl, setPageUrl] = useState("");
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => setPageUrl(safePageUrl(window.location)), []);

  const timestamp = formatWithOffset(new Date(details.at));
  const none = t("errorDetails.none");
  const fields: Array<[string, string]> = [
    [t("errorDetails.code"), details.code],
    [t("errorDetails.correlationId"), details.correlationId ?? none],
    [t("errorDetails.sessionId"), details.displaySessionId ?? none],
    [t("errorDetails.timestamp"), timestamp],
    [t("errorDetails.page"), pageUrl],
  ];

  async function copy() {
    const text = fields.map(([label, value]) => `${label}: ${value}`).join("\n");
    try {
      await navigator.clipboard.writeText(text);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  }

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-950" data-testid="error-panel" data-error-code={details.code}>
      <h2 id={headingId} className="font-semibold">
        {wording?.title ?? t(`errors.${details.code}.title`)}
      </h2>
      <p role="alert" className="mt-1">
        {wording?.message ?? t(`errors.${details.code}.message`, details.params)}
      </p>
      <details className="mt-3">
        <summary className="cursor-pointer font-medium underline">{t("errorDetails.viewDetails")}</summary>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm" data-testid="error-details">
          {fields.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium">{label}</dt>
              <dd className="break-all font-mono" suppressHydrationWarning>
                {value}
              </dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={copy} className="mt-3 rounded border border-red-800 bg-white px-3 py-1.5 text-sm font-medium text-red-950 hover:bg-red-100">
          {t("errorDetails.copy")}
        </button>
        <span aria-live="polite" className="ml-3 text-sm">
          {copyState === "copied" ? t("errorDetails.copied") : copyState === "failed" ? t("errorDetails.copyFailed") : ""}
        </span>
      </details>
      <p className="mt-3">
        <Link
          href={`/help/wizards/${ERROR_CATALOG[details.code].wizard}${prefillQuery({
            errorCode: details.code,
            correlationId: details.correlationId ?? undefined,
            displaySessionId: details.displaySessionId ?? undefined,
            occurredAt: timestamp,
            pageUrl: pageUrl || undefined,
          })}`}
          locale={locale as "nl" | "en"}
          className="font-medium text-red-950 underline"
          data-testid="get-help"
        >
          {t("errorDetails.getHelp")}
        </Link>
      </p>
    </section>
  );
}
