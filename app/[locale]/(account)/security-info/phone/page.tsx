import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { hasFreshFactor, mayAddMethodNow } from "@/server/methods/fresh-factor";
import { now } from "@/server/core/clock";
import { titleFrom } from "../../../../_lib/metadata";
import { requirePageSession } from "../../../../_lib/page-session";
import { AccountPhoneSetup } from "./AccountPhoneSetup";

export const generateMetadata = titleFrom("addPhone");

/** Add a phone number; with ?backup=1, the "add a backup phone" step after a first phone (seed 003). */
export default async function AddPhonePage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ backup?: string; replace?: string; role?: string }>;
}) {
  const { locale } = await params;
  const query = await searchParams;
  const backup = query.backup === "1";
  const replaces = query.replace && /^[0-9a-f-]{36}$/i.test(query.replace) ? query.replace : undefined;
  const role = backup || query.role === "alternate" ? "alternate" : "mobile";
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("addPhone");
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{backup ? t("backupTitle") : replaces ? t("changeTitle") : t("title")}</h1>
      <p className="mt-2 text-slate-700">{backup ? t("backupIntro") : replaces ? t("changeIntro") : t("intro")}</p>
      <AccountPhoneSetup needsConfirmation={replaces ? !hasFreshFactor(session, now()) : !(await mayAddMethodNow(session))} role={role} replaces={replaces} />
      <p className="mt-6">
        <Link href="/security-info" className="underline" data-testid="skip-backup">
          {backup ? t("skip") : t("back")}
        </Link>
      </p>
    </div>
  );
}
