import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { Link } from "@/i18n/navigation";
import { isStaff } from "@/server/auth/session-rules";
import { isErrorCode } from "@/server/core/errors";
import { listQueue } from "@/server/helpdesk/queue";
import { QUEUE_VIEWS, queueQueryInput } from "@/server/helpdesk/queue.schemas";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/server/tickets/ticket-values";
import { requirePageSession } from "../../../_lib/page-session";
import { titleFrom } from "../../../_lib/metadata";
import { shownText } from "@/server/validation/text";

export const generateMetadata = titleFrom("queue");

/**
 * The helpdesk queue: views, filters, search, oldest first a page at a time; claim a ticket, or
 * change the status of several at once. Plain forms: no script needed. Ticket text is rendered as text.
 */
export default async function QueuePage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  if (!isStaff(session.person.role)) notFound();
  const raw = await searchParams;
  const parsed = queueQueryInput.safeParse(raw);
  const query = parsed.success ? parsed.data : queueQueryInput.parse({});
  const page = await listQueue(session, query);
  const t = await getTranslations("queue");
  const tk = await getTranslations("tickets");
  const h = await getTranslations("helpdesk");
  const e = await getTranslations("errors");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  const keep = Object.entries(raw).filter((p): p is [string, string] => typeof p[1] === "string" && p[1] !== "" && !["after", "problem"].includes(p[0]));
  const here = `/${locale}/helpdesk${keep.length ? `?${new URLSearchParams(keep).toString()}` : ""}`;
  const withView = (view: string) => `/helpdesk?${new URLSearchParams([...keep.filter(([k]) => k !== "view"), ["view", view]]).toString()}`;
  const select = (name: string, values: readonly string[], label: (v: string) => string) => (
    <div>
      <label htmlFor={`q-${name}`} className="block text-sm font-medium">
        {t(`filters.${name}`)}
      </label>
      <select id={`q-${name}`} name={name} defaultValue={raw[name] ?? ""} className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm">
        <option value="">{t("any")}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {label(v)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1">
        <Link href="/helpdesk/reports" className="underline" data-testid="reports-link">
          {t("reportsLink")}
        </Link>
      </p>
      {raw.problem && isErrorCode(raw.problem) ? (
        <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-2">
          {e(`${raw.problem}.message`, { triesLeft: 0, seconds: 0 })}
        </p>
      ) : null}
      <nav aria-label={t("viewsLabel")} className="mt-4">
        <ul className="flex flex-wrap gap-2">
          {QUEUE_VIEWS.map((view) => (
            <li key={view}>
              <Link
                href={withView(view)}
                aria-current={query.view === view ? "page" : undefined}
                className={`rounded border px-3 py-1 text-sm ${query.view === view ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400"}`}
              >
                {t(`views.${view}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" role="search" className="mt-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="view" value={query.view} />
        <div>
          <label htmlFor="q-q" className="block text-sm font-medium">
            {t("filters.q")}
          </label>
          <input id="q-q" name="q" type="search" defaultValue={raw.q ?? ""} className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm" />
        </div>
        {select("status", TICKET_STATUSES, (v) => tk(`statuses.${v}`))}
        {select("category", TICKET_CATEGORIES, (v) => tk(`categories.${v}`))}
        {select("priority", TICKET_PRIORITIES, (v) => h(`priorities.${v}`))}
        <div>
          <label htmlFor="q-assignee" className="block text-sm font-medium">
            {t("filters.assignee")}
          </label>
          <input id="q-assignee" name="assignee" defaultValue={raw.assignee ?? ""} className="mt-1 w-32 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm" />
        </div>
        <div>
          <label htmlFor="q-older" className="block text-sm font-medium">
            {t("filters.olderThanHours")}
          </label>
          <input
            id="q-older"
            name="olderThanHours"
            inputMode="numeric"
            defaultValue={raw.olderThanHours ?? ""}
            className="mt-1 w-20 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm"
          />
        </div>
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white">
          {t("apply")}
        </button>
      </form>
      {!parsed.success ? <p className="mt-2 text-red-800">{t("badFilters")}</p> : null}

      <form method="post" action="/api/helpdesk/bulk-status" className="mt-6">
        <input type="hidden" name="back" value={here} />
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm" data-testid="queue">
            <caption className="sr-only">{t(`views.${query.view}`)}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-2">
                  <span className="sr-only">{t("select")}</span>
                </th>
                {(["reference", "subject", "requester", "priority", "status", "assignee", "due"] as const).map((c) => (
                  <th key={c} scope="col" className="py-2 pr-3">
                    {t(`columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.reference} className="border-b border-slate-200 align-top" data-reference={r.reference}>
                  <td className="py-1.5 pr-2">
                    <input type="checkbox" name="references" value={r.reference} aria-label={t("selectTicket", { reference: r.reference })} className="h-4 w-4" />
                  </td>
                  <td className="py-1.5 pr-3 font-mono">
                    <Link href={`/helpdesk/tickets/${r.reference}`} className="underline">
                      {r.reference}
                    </Link>
                  </td>
                  <td className="py-1.5 pr-3 break-words">{shownText(r.subject)}</td>
                  <td className="py-1.5 pr-3">
                    {r.requesterUsername}
                    {r.submittedBy === "anonymous" ? <span className="ml-1 text-xs text-amber-800">({t("unverified")})</span> : null}
                  </td>
                  <td className="py-1.5 pr-3">{h(`priorities.${r.priority}`)}</td>
                  <td className="py-1.5 pr-3">{tk(`statuses.${r.status}`)}</td>
                  <td className="py-1.5 pr-3">
                    {r.assignee ?? (
                      <button type="submit" formAction="/api/helpdesk/claim" name="reference" value={r.reference} className="underline">
                        {t("claim")}
                      </button>
                    )}
                  </td>
                  <td className={`py-1.5 pr-3 whitespace-nowrap ${r.breaching ? "font-semibold text-red-800" : ""}`}>
                    {when(r.firstResponseAt ? r.resolutionDueAt : r.firstResponseDueAt)}
                    {r.breaching ? ` · ${t("breaching")}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {page.rows.length === 0 ? <p className="mt-3">{t("empty")}</p> : null}
        <div className="mt-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="bulk-status" className="block text-sm font-medium">
              {t("bulkLabel")}
            </label>
            <select id="bulk-status" name="status" className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm">
              {TICKET_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tk(`statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-900">
            {t("bulkApply")}
          </button>
        </div>
      </form>
      {page.next ? (
        <p className="mt-4">
          <Link href={`/helpdesk?${new URLSearchParams([...keep, ["after", page.next]]).toString()}`} className="underline" data-testid="queue-next">
            {t("nextPage")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
