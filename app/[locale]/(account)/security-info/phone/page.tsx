import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { mayAddMethodNow } from "@/server/methods/fresh-factor";
import { titleFrom } from "../../../../_lib/metadata";
import { requirePageSession } from "../../../../_lib/page-session";
import { AccountPhoneSetup } from "./AccountPhoneSetup";

export const generateMetadata = titleFrom("addPhone");

/** Add a phone number; with ?backup=1, the "add a backup phone" step after a first phone (seed 003). */
export default async function AddPhonePage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<{ backup?: string }> }) {
  const { locale } = await params;
  const backup = (await searchParams).backup === "1";
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("addPhone");
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{backup ? t("backupTitle") : t("title")}</h1>
      <p className="mt-2 text-slate-700">{backup ? t("backupIntro") : t("intro")}</p>
      <AccountPhoneSetup needsConfirmation={!(await mayAddMethodNow(session))} role={backup ? "alternate" : "mobile"} />
      <p className="mt-6">
        <Link href="/security-info" className="underline" data-testid="skip-backup">
          {backup ? t("skip") : t("back")}
        </Link>
      </p>
    </div>
  );
}
