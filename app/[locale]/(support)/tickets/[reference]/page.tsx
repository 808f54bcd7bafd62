import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { isAppError } from "@/server/core/errors";
import { myTicket } from "@/server/tickets/read-tickets";
import { TICKET_REFERENCE_PATTERN } from "@/server/tickets/tickets.schemas";
import { TicketReplyForm } from "../../../../_components/TicketReplyForm";
import { TicketView } from "../../../../_components/TicketView";
import { requirePageSession } from "../../../../_lib/page-session";
import { titleFrom } from "../../../../_lib/metadata";

export const generateMetadata = titleFrom("tickets");

/** One of my tickets: its details, the conversation, and a reply form. */
export default async function MyTicketPage({ params }: { params: Promise<{ locale: "nl" | "en"; reference: string }> }) {
  const { locale, reference } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  if (!TICKET_REFERENCE_PATTERN.test(reference)) notFound();
  const ticket = await myTicket(session, reference).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const t = await getTranslations("tickets");
  return (
    <div>
      <TicketView ticket={ticket} locale={locale} />
      {ticket.status !== "closed" ? <TicketReplyForm target={{ reference }} /> : <p className="mt-6">{t("closedNoReplies")}</p>}
    </div>
  );
}
