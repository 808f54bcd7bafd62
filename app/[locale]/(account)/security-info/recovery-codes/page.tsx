import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { recoveryCodeStatus } from "@/server/verification/methods/recovery-code/manage-recovery-codes";
import { titleFrom } from "../../../../_lib/metadata";
import { requirePageSession } from "../../../../_lib/page-session";
import { RecoveryCodes } from "./RecoveryCodes";

export const generateMetadata = titleFrom("recoveryCodes");

/** Recovery codes: how many are left, and making a new set (shown once). */
export default async function RecoveryCodesPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("recoveryCodes");
  const format = await getFormatter();
  const status = await recoveryCodeStatus(session);
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      {!status.allowed ? (
        <p className="mt-4" data-testid="recovery-codes-staff">
          {t("staff")}
        </p>
      ) : (
        <>
          <p className="mt-4" data-testid="recovery-codes-status">
            {status.remaining === null ? t("none") : t("remaining", { remaining: status.remaining, date: format.dateTime(status.generatedAt!, { dateStyle: "medium" }) })}
          </p>
          <RecoveryCodes hasSet={status.remaining !== null} />
        </>
      )}
      <p className="mt-6 print:hidden">
        <Link href="/security-info" className="underline">
          {t("back")}
        </Link>
      </p>
    </div>
  );
}
