import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { optionalSession } from "@/server/auth/require-session";
import { diagnoseForCaller } from "@/server/diagnosis/diagnose-sign-in";
import { diagnoseInput } from "@/server/diagnosis/diagnosis.schemas";
import { DiagnosisView } from "../../../../../_components/DiagnosisView";
import { titleFrom } from "../../../../../_lib/metadata";

export const generateMetadata = titleFrom("diagnosis");

/** One sign-in explained, as far as this caller may see it. */
export default async function WhatHappenedPage({ params }: { params: Promise<{ locale: "nl" | "en"; correlationId: string }> }) {
  const { locale, correlationId } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("diagnosis");
  const parsed = diagnoseInput.safeParse({ correlationId });
  const cookieHeader = (await headers()).get("cookie");
  const session = await optionalSession(cookieHeader);
  const answer = parsed.success
    ? await diagnoseForCaller({ correlationId: parsed.data.correlationId, personId: session?.person.id ?? null, cookieHeader })
    : { found: false as const };
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 break-all font-mono text-sm text-slate-600">{correlationId}</p>
      <div className="mt-6">{answer.found ? <DiagnosisView diagnosis={answer} locale={locale} /> : <p data-testid="diagnosis-nothing">{t("nothing")}</p>}</div>
      <p className="mt-8 flex flex-wrap gap-6">
        <Link href="/help" className="underline">
          {t("backToHelp")}
        </Link>
        <Link href={`/tickets/new${parsed.success ? `?cid=${parsed.data.correlationId}` : ""}`} className="underline">
          {t("fileTicket")}
        </Link>
      </p>
    </div>
  );
}
