import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { isAuthenticatorLocale } from "../_lib/locale";
import "../../globals.css";

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#174c99" };

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isAuthenticatorLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "authenticator" });
  return {
    title: t("title"),
    description: t("description"),
    manifest: `/authenticator/${locale}/manifest.webmanifest`,
    icons: { icon: "/icon.svg" },
    appleWebApp: { capable: true, title: t("shortName") },
  };
}

/**
 * The companion authenticator's own root layout: no portal header, session or cookies; only its
 * own messages reach the browser.
 */
export default async function AuthenticatorLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isAuthenticatorLocale(locale)) notFound();
  setRequestLocale(locale);
  // Reading the request makes the page dynamic, so each response gets its own CSP nonce.
  await headers();
  const messages = await getMessages();
  const t = await getTranslations("authenticator");
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider messages={{ authenticator: messages.authenticator }}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
