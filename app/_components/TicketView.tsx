import { getFormatter, getTranslations } from "next-intl/server";
import type { RequesterTicketView } from "@/server/tickets/read-tickets";
import { shownText } from "@/server/validation/text";

/** A ticket as its requester sees it. Ticket text is hostile input: it is only ever rendered as text. */
export async function TicketView({ ticket }: { ticket: RequesterTicketView; locale: "nl" | "en" }) {
  const t = await getTranslations("tickets");
  const e = await getTranslations("errorDetails");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const details: Array<[string, string | null]> = [
    [e("code"), ticket.errorCode],
    [e("correlationId"), ticket.correlationId],
    [e("sessionId"), ticket.displaySessionId],
    [e("timestamp"), ticket.occurredAtText],
  ];
  return (
    <article data-testid="ticket">
      <p className="font-mono text-sm text-slate-600" data-testid="ticket-reference">
        {ticket.reference}
      </p>
      <h1 className="text-2xl font-bold" data-testid="ticket-subject">
        {shownText(ticket.subject)}
      </h1>
      <p className="mt-1" data-testid="ticket-status">
        {t("statusLine", { status: t(`statuses.${ticket.status}`), category: t(`categories.${ticket.category}`), created: when(ticket.createdAt) })}
      </p>
      <p className="mt-4 whitespace-pre-wrap break-words rounded border border-slate-200 bg-white p-3" data-testid="ticket-description">
        {shownText(ticket.description)}
      </p>
      {ticket.redactions.length > 0 ? <p className="mt-2 text-sm">{t("redactedNotice")}</p> : null}
      {details.some(([, v]) => v) ? (
        <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
          {details.map(([label, value]) =>
            value ? (
              <div key={label} className="contents">
                <dt className="font-medium">{label}</dt>
                <dd className="break-all font-mono">{value}</dd>
              </div>
            ) : null,
          )}
        </dl>
      ) : null}
      <h2 className="mt-8 text-xl font-semibold">{t("conversation")}</h2>
      {ticket.messages.length === 0 ? <p className="mt-2">{t("noReplies")}</p> : null}
      <ol className="mt-2 space-y-3" data-testid="ticket-messages">
        {ticket.messages.map((m, i) => (
          <li key={i} className="rounded border border-slate-200 bg-white p-3">
            <p className="text-sm text-slate-600">
              {t(`authors.${m.author}`)} · {when(m.at)}
            </p>
            {m.withheld ? <p className="mt-1 italic">{t("replyWithheld")}</p> : <p className="mt-1 whitespace-pre-wrap break-words">{shownText(m.body)}</p>}
          </li>
        ))}
      </ol>
    </article>
  );
}
