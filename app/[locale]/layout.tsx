import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { Link } from "@/i18n/navigation";
import { LocaleSwitcher } from "../_components/LocaleSwitcher";
import "../globals.css";

export const metadata: Metadata = { title: "Tweestap" };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function LocaleLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  // Reading the request makes every page dynamic, so each response gets its own CSP nonce.
  await headers();
  const t = await getTranslations("app");
  const nav = await getTranslations("nav");
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider>
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
              <Link href="/sign-in" className="text-lg font-bold text-brand-900">
                {t("name")}
              </Link>
              <div className="flex items-center gap-3">
                <Link href="/help" className="text-sm underline">
                  {nav("help")}
                </Link>
                <LocaleSwitcher />
              </div>
            </div>
          </header>
          <main id="main" className="mx-auto max-w-3xl px-4 py-8">
            {children}
          </main>
          <footer className="mx-auto max-w-3xl px-4 pb-8 text-sm text-slate-600">{t("footer")}</footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
