import { getTranslations } from "next-intl/server";
import { isAuthenticatorLocale } from "../../_lib/locale";

/** The web app manifest (installable: name, icon, standalone), in the page's language. */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }): Promise<Response> {
  const { locale } = await params;
  if (!isAuthenticatorLocale(locale)) return new Response(null, { status: 404 });
  const t = await getTranslations({ locale, namespace: "authenticator" });
  const manifest = {
    id: "/authenticator",
    name: t("title"),
    short_name: t("shortName"),
    description: t("description"),
    lang: locale,
    start_url: "/authenticator",
    scope: "/authenticator",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#174c99",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
  };
  return new Response(JSON.stringify(manifest), { headers: { "Content-Type": "application/manifest+json; charset=utf-8" } });
}
