import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { isStaff } from "@/server/auth/session-rules";
import { isErrorCode } from "@/server/core/errors";
import { helpdeskReports } from "@/server/helpdesk/reports";
import { BarChart } from "../../../../_components/BarChart";
import { requirePageSession } from "../../../../_lib/page-session";
import { titleFrom } from "../../../../_lib/metadata";

export const generateMetadata = titleFrom("reports");

/** Helpdesk reports, drawn on the server: tickets, response and resolution times, sign-in failures, methods. */
export default async function ReportsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  if (!isStaff(session.person.role)) notFound();
  const t = await getTranslations("reports");
  const tk = await getTranslations("tickets");
  const h = await getTranslations("helpdesk");
  const e = await getTranslations("errors");
  const labels = await getTranslations("methods.labels");
  const data = await helpdeskReports();
  const minutes = (v: number | null) => (v === null ? "—" : t("minutes", { minutes: v }));
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-slate-700">{t("intro", { days: data.days })}</p>
      <BarChart empty={t("empty")} testId="report-category" title={t("byCategory")} rows={data.byCategory.map((r) => ({ label: tk(`categories.${r.key}`), value: r.n }))} />
      <BarChart empty={t("empty")} testId="report-status" title={t("byStatus")} rows={data.byStatus.map((r) => ({ label: tk(`statuses.${r.key}`), value: r.n }))} />
      <h2 className="mt-6 font-semibold">{t("timesTitle")}</h2>
      <table className="mt-2 w-full max-w-xl border-collapse text-left text-sm" data-testid="report-times">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1.5 pr-3">
              {h("priority")}
            </th>
            <th scope="col" className="py-1.5 pr-3">
              {t("firstResponse")}
            </th>
            <th scope="col" className="py-1.5 pr-3">
              {t("resolution")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.times.map((row) => (
            <tr key={row.priority} className="border-b border-slate-200">
              <th scope="row" className="py-1.5 pr-3 font-normal">
                {h(`priorities.${row.priority}`)}
              </th>
              <td className="py-1.5 pr-3">{t("medianP90", { median: minutes(row.firstResponseMedian), p90: minutes(row.firstResponseP90) })}</td>
              <td className="py-1.5 pr-3">{t("medianP90", { median: minutes(row.resolutionMedian), p90: minutes(row.resolutionP90) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <BarChart
        empty={t("empty")}
        testId="report-failures"
        title={t("failuresByCode")}
        rows={data.failuresByCode.map((r) => ({ label: isErrorCode(r.key) ? e(`${r.key}.title`) : r.key, value: r.n }))}
      />
      <BarChart empty={t("empty")} testId="report-methods" title={t("methods")} rows={data.methods.map((r) => ({ label: labels(r.key), value: r.n }))} />
    </div>
  );
}
