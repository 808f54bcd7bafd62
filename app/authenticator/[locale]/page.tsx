import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AuthenticatorApp } from "../_components/AuthenticatorApp";
import { appPath, isAuthenticatorLocale } from "../_lib/locale";

/** The companion authenticator: the person's accounts and their codes (all in the browser). */
export default async function AuthenticatorPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isAuthenticatorLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("authenticator");
  const other = locale === "nl" ? "en" : "nl";
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
          <p className="flex items-center gap-2 text-lg font-bold text-brand-900">
            <img src="/icon.svg" alt="" width={28} height={28} />
            {t("title")}
          </p>
          <nav aria-label={t("languageSwitcher")}>
            {/* A full page load (not the client router): the other language's page is in the offline cache too. */}
            <a href={appPath(other)} hrefLang={other} lang={other} className="rounded px-2 py-1 text-sm underline">
              {t("otherLanguage")}
            </a>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-xl px-4 py-6">
        <h1 className="sr-only">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
        <AuthenticatorApp locale={locale} />
      </main>
    </>
  );
}
