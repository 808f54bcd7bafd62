import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { listAuditEvents } from "@/server/audit/audit-log";
import { auditFiltersInput } from "@/server/audit/audit.schemas";
import { requirePageSession } from "../../../../_lib/page-session";
import { AUDIT_ACTIONS } from "@/server/audit/record-audit";
import { titleFrom } from "../../../../_lib/metadata";

const KNOWN_ACTIONS = new Set<string>(AUDIT_ACTIONS);

export const generateMetadata = titleFrom("audit");

const FIELDS = ["action", "actor", "person", "ticket", "outcome", "from", "to"] as const;

/** The audit trail with filters, newest first, a page at a time; CSV export of the same filter. */
export default async function AuditPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("audit");
  if (session.person.role !== "admin") return <p data-testid="admin-denied">{(await getTranslations("admin"))("denied")}</p>;
  const raw = await searchParams;
  const parsed = auditFiltersInput.safeParse(raw);
  const format = await getFormatter();
  const { before, ...filters } = parsed.success ? parsed.data : { before: undefined };
  const page = parsed.success ? await listAuditEvents(filters, before) : { rows: [], nextBefore: null };
  const query = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "before" && e[1] !== ""));
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-slate-700">{t("intro")}</p>
      <form method="get" className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {FIELDS.map((field) => (
          <div key={field}>
            <label htmlFor={`audit-${field}`} className="block text-sm font-medium">
              {t(`filters.${field}`)}
            </label>
            <input
              id={`audit-${field}`}
              name={field}
              type={field === "from" || field === "to" ? "datetime-local" : "text"}
              defaultValue={raw[field] ?? ""}
              className="mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-sm"
            />
          </div>
        ))}
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white">
            {t("filter")}
          </button>
        </div>
      </form>
      {!parsed.success ? (
        <p role="alert" className="mt-3 text-red-800">
          {t("badFilters")}
        </p>
      ) : null}
      <p className="mt-4">
        <a href={`/api/admin/audit?${query.toString()}`} className="underline" data-testid="audit-csv">
          {t("downloadCsv")}
        </a>
      </p>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm" data-testid="audit-table">
          <caption className="sr-only">{t("title")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              {(["when", "action", "actor", "person", "ticket", "outcome", "reason"] as const).map((c) => (
                <th key={c} scope="col" className="py-2 pr-3">
                  {t(`columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-200 align-top">
                <td className="py-1.5 pr-3 whitespace-nowrap">{format.dateTime(r.occurredAt, { dateStyle: "short", timeStyle: "medium" })}</td>
                <td className="py-1.5 pr-3">
                  {KNOWN_ACTIONS.has(r.action) ? <span className="block">{t(`actionNames.${r.action}`)}</span> : null}
                  <span className="block font-mono text-xs text-slate-700" data-testid="audit-action">
                    {r.action}
                  </span>
                </td>
                <td className="py-1.5 pr-3">{r.actor ?? r.actorKind}</td>
                <td className="py-1.5 pr-3">{r.person ?? ""}</td>
                <td className="py-1.5 pr-3 font-mono">{r.ticket ?? ""}</td>
                <td className="py-1.5 pr-3">{r.outcome}</td>
                <td className="py-1.5 pr-3 break-words">{r.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.nextBefore ? (
        <p className="mt-4">
          <Link href={`/admin/audit?${new URLSearchParams([...query.entries(), ["before", String(page.nextBefore)]]).toString()}`} className="underline">
            {t("older")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
