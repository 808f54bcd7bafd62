import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { listMyTickets } from "@/server/tickets/read-tickets";
import { requirePageSession } from "../../../_lib/page-session";
import { titleFrom } from "../../../_lib/metadata";
import { shownText } from "@/server/validation/text";

export const generateMetadata = titleFrom("tickets");

/** My tickets: the ones I filed while signed in, newest first. */
export default async function MyTicketsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("tickets");
  const format = await getFormatter();
  const mine = await listMyTickets(session);
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2">
        <Link href="/tickets/new" className="font-medium underline">
          {t("newTicket")}
        </Link>
      </p>
      {mine.length === 0 ? <p className="mt-4">{t("none")}</p> : null}
      <ul className="mt-4 space-y-2" data-testid="my-tickets">
        {mine.map((ticket) => (
          <li key={ticket.reference} className="rounded border border-slate-200 bg-white p-3">
            <Link href={`/tickets/${ticket.reference}`} className="font-mono font-medium underline">
              {ticket.reference}
            </Link>{" "}
            <span>{shownText(ticket.subject)}</span>
            <p className="text-sm text-slate-600">
              {t(`statuses.${ticket.status}`)} · {format.dateTime(ticket.createdAt, { dateStyle: "medium", timeStyle: "short" })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
