import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { ERROR_CATALOG, isErrorCode } from "@/server/core/errors";

type Params = Promise<{ locale: string; code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, code } = await params;
  if (!isErrorCode(code)) return {};
  const t = await getTranslations({ locale });
  return { title: `${t(`errors.${code}.title`)} · Tweestap` };
}

/** One page per catalog code: what it means, why it happens, what to do. */
export default async function ErrorHelpPage({ params }: { params: Params }) {
  const { locale, code } = await params;
  if (!isErrorCode(code)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations();
  return (
    <article>
      <p className="text-sm text-slate-600">
        {t("help.codeLabel")}: <span className="font-mono">{code}</span>
      </p>
      <h1 className="mt-1 text-2xl font-bold">{t(`errors.${code}.title`)}</h1>
      <h2 className="mt-6 text-lg font-semibold">{t("help.cause")}</h2>
      <p className="mt-1">{t(`errors.${code}.cause`)}</p>
      <h2 className="mt-6 text-lg font-semibold">{t("help.fix")}</h2>
      <p className="mt-1">{t(`errors.${code}.fix`)}</p>
      <p className="mt-6">
        <Link href={`/help/wizards/${ERROR_CATALOG[code].wizard}?code=${code}`} className="font-medium underline" data-testid="open-wizard">
          {t("help.openWizard")}
        </Link>
      </p>
      <p className="mt-8 flex gap-6">
        <Link href="/help" className="underline">
          {t("help.backToHelp")}
        </Link>
        <Link href="/sign-in" className="underline">
          {t("help.backToSignIn")}
        </Link>
      </p>
    </article>
  );
}
