import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { ErrorDetailsFieldsRow } from "@/server/troubleshooting/error-details.schemas";
import { errorPageHref } from "../_lib/error-page";

/** The error details a wizard run was opened with (as text), and the way back to the error's own page. */
export async function PrefilledDetails({ prefill }: { prefill: ErrorDetailsFieldsRow }) {
  const t = await getTranslations("errorDetails");
  const w = await getTranslations("wizards");
  const rows: Array<[string, string | undefined, string]> = [
    [t("code"), prefill.errorCode, "errorCode"],
    [t("correlationId"), prefill.correlationId, "correlationId"],
    [t("sessionId"), prefill.displaySessionId, "displaySessionId"],
    [t("timestamp"), prefill.occurredAt, "occurredAt"],
    [t("page"), prefill.pageUrl, "pageUrl"],
  ];
  if (!rows.some(([, value]) => value)) return null;
  return (
    <section className="mt-4 rounded border border-slate-200 bg-white p-3 text-sm" aria-labelledby="prefilled-heading">
      <h2 id="prefilled-heading" className="font-semibold">
        {w("prefilledTitle")}
      </h2>
      <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1" data-testid="prefilled-details">
        {rows.map(([label, value, field]) =>
          value ? (
            <div key={field} className="contents">
              <dt className="font-medium">{label}</dt>
              <dd className="break-all font-mono" data-field={field}>
                {value}
              </dd>
            </div>
          ) : null,
        )}
      </dl>
      {prefill.errorCode ? (
        <p className="mt-2">
          <Link href={errorPageHref(prefill.errorCode, prefill.correlationId)} className="underline" data-testid="error-code-page-link">
            {w("aboutThisError")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
