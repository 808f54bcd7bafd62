"use client";
import { useLocale, useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";

/** A link to this same page in the other language. */
export function LocaleSwitcher() {
  const t = useTranslations("app");
  const locale = useLocale();
  const pathname = usePathname();
  const other = locale === "nl" ? "en" : "nl";
  return (
    <nav aria-label={t("languageSwitcher")}>
      <Link href={pathname} locale={other} hrefLang={other} lang={other} className="rounded px-2 py-1 text-sm underline">
        {t("otherLanguage")}
      </Link>
    </nav>
  );
}
