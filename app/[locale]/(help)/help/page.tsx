import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { ERROR_CODES } from "@/server/errors";
import { titleFrom } from "../../../_lib/metadata";

export const generateMetadata = titleFrom("help");

export default async function HelpPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations();
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("help.title")}</h1>
      <p className="mt-1 text-slate-700">{t("help.intro")}</p>
      <h2 className="mt-8 text-xl font-semibold">{t("help.errorsTitle")}</h2>
      <ul className="mt-3 space-y-2">
        {ERROR_CODES.map((code) => (
          <li key={code}>
            <Link href={`/help/errors/${code}`} className="underline">
              {t(`errors.${code}.title`)}
            </Link>{" "}
            <span className="font-mono text-sm text-slate-600">{code}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
