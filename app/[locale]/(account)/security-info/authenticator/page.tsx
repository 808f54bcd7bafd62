import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { getEnv } from "@/server/core/env";
import { companionAuthenticatorUrl } from "@/server/http/authenticator-origin";
import { mayAddMethodNow } from "@/server/methods/fresh-factor";
import { titleFrom } from "../../../../_lib/metadata";
import { requirePageSession } from "../../../../_lib/page-session";
import { AccountAuthenticatorSetup } from "./AccountAuthenticatorSetup";

export const generateMetadata = titleFrom("addAuthenticator");

const WAYS = ["notifications", "codes"] as const;

/**
 * "Add an authenticator app" (seed 003): first the choice, "receive notifications" (the companion
 * authenticator activates on the device: notifications and codes) or "use verification codes"
 * (any authenticator app); then that way's setup.
 */
export default async function AddAuthenticatorPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<{ way?: string }> }) {
  const { locale } = await params;
  const { way } = await searchParams;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("addAuthenticator");
  const chosen = WAYS.find((w) => w === way) ?? null;
  const needsConfirmation = !(await mayAddMethodNow(session));
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      {/* "Confirm it's you" comes first when needed, then the choice. */}
      {needsConfirmation || chosen ? (
        <AccountAuthenticatorSetup needsConfirmation={needsConfirmation} way={chosen} companionUrl={companionAuthenticatorUrl(getEnv())} />
      ) : (
        <section aria-labelledby="way-heading" className="mt-6" data-testid="authenticator-ways">
          <h2 id="way-heading" className="text-lg font-semibold">
            {t("chooseTitle")}
          </h2>
          <ul className="mt-3 space-y-3">
            {WAYS.map((w) => (
              <li key={w}>
                <Link
                  href={`/security-info/authenticator?way=${w}`}
                  className="block rounded border border-slate-300 bg-white p-3 hover:bg-slate-50"
                  aria-describedby={`way-${w}-hint`}
                  data-testid={`way-${w}`}
                >
                  <span className="font-semibold text-brand-700 underline">{t(`ways.${w}.title`)}</span>
                </Link>
                <p id={`way-${w}-hint`} className="mt-1 px-3 text-sm text-slate-700">
                  {t(`ways.${w}.hint`)}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="mt-6">
        <Link href="/security-info" className="underline">
          {t("back")}
        </Link>
      </p>
    </div>
  );
}
