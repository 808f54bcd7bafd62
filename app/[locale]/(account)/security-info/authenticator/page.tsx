import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { getEnv } from "@/server/core/env";
import { companionAuthenticatorUrl } from "@/server/http/authenticator-origin";
import { mayAddMethodNow } from "@/server/methods/fresh-factor";
import { titleFrom } from "../../../../_lib/metadata";
import { requirePageSession } from "../../../../_lib/page-session";
import { AccountAuthenticatorSetup } from "./AccountAuthenticatorSetup";

export const generateMetadata = titleFrom("addAuthenticator");

export default async function AddAuthenticatorPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("addAuthenticator");
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      <AccountAuthenticatorSetup needsConfirmation={!(await mayAddMethodNow(session))} companionUrl={companionAuthenticatorUrl(getEnv())} />
      <p className="mt-6">
        <Link href="/security-info" className="underline">
          {t("back")}
        </Link>
      </p>
    </div>
  );
}
