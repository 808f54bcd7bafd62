import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { optionalSession } from "@/server/auth/require-session";
import { now } from "@/server/core/clock";
import { prefillFromSearch } from "@/server/troubleshooting/prefill";
import { TicketForm } from "../../../../_components/TicketForm";
import { titleFrom } from "../../../../_lib/metadata";

export const generateMetadata = titleFrom("tickets.new");

/** A ticket without a wizard, signed in or not; Get-help links and "What happened?" prefill it. */
export default async function NewTicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: "nl" | "en" }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("tickets.new");
  const session = await optionalSession((await headers()).get("cookie"));
  const prefill = prefillFromSearch(await searchParams);
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1">{t("intro")}</p>
      <TicketForm locale={locale} signedIn={session !== null} category={null} wizardRunToken={null} prefill={prefill} serverTime={now().toISOString()} />
    </div>
  );
}
