import { getTranslations, setRequestLocale } from "next-intl/server";
import { isAppError } from "@/server/core/errors";
import { ticketByStatusLink } from "@/server/tickets/read-tickets";
import { TicketReplyForm } from "../../../../../_components/TicketReplyForm";
import { TicketView } from "../../../../../_components/TicketView";
import { titleFrom } from "../../../../../_lib/metadata";

export const generateMetadata = titleFrom("tickets");

/** The private status link from the ticket email: the ticket as its requester sees it. */
export default async function TicketStatusPage({ params }: { params: Promise<{ locale: "nl" | "en"; token: string }> }) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("tickets");
  const ticket = /^[A-Za-z0-9_-]{20,100}$/.test(token)
    ? await ticketByStatusLink(token).catch((error: unknown) => {
        if (isAppError(error)) return null;
        throw error;
      })
    : null;
  if (!ticket) {
    return (
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-2" data-testid="status-link-invalid">
          {t("statusLinkInvalid")}
        </p>
      </div>
    );
  }
  return (
    <div>
      <TicketView ticket={ticket} locale={locale} />
      {ticket.status !== "closed" ? <TicketReplyForm target={{ token }} /> : <p className="mt-6">{t("closedNoReplies")}</p>}
    </div>
  );
}
