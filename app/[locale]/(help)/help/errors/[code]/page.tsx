import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { optionalSession } from "@/server/auth/require-session";
import { ERROR_CATALOG, isErrorCode } from "@/server/core/errors";
import { diagnoseInput } from "@/server/diagnosis/diagnosis.schemas";
import { channelOfFailure } from "@/server/diagnosis/failure-channel";
import { explanationKeys } from "../../../../../_methods/registry";

type Params = Promise<{ locale: string; code: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, code } = await params;
  if (!isErrorCode(code)) return {};
  const t = await getTranslations({ locale });
  return { title: `${t(`errors.${code}.title`)} · Tweestap` };
}

/**
 * One page per catalog code: what it means, why it happens, what to do. Opened for a sign-in
 * (?cid=<correlation ID>, from a wizard), it explains the code for the way the refusal happened on
 * (the channel the sign-in's event recorded, as far as this caller may see that sign-in): a wrong
 * text code is explained for the text, not for the authenticator app.
 */
export default async function ErrorHelpPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { locale, code } = await params;
  if (!isErrorCode(code)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations();
  const cid = diagnoseInput.safeParse({ correlationId: (await searchParams).cid });
  const cookieHeader = (await headers()).get("cookie");
  const channel = cid.success
    ? await channelOfFailure({ correlationId: cid.data.correlationId, code, personId: (await optionalSession(cookieHeader))?.person.id ?? null, cookieHeader })
    : null;
  const keys = explanationKeys(channel, code);
  return (
    <article data-channel={channel ?? ""}>
      <p className="text-sm text-slate-600">
        {t("help.codeLabel")}: <span className="font-mono">{code}</span>
      </p>
      <h1 className="mt-1 text-2xl font-bold">{t(keys.title)}</h1>
      <h2 className="mt-6 text-lg font-semibold">{t("help.cause")}</h2>
      <p className="mt-1" data-testid="error-cause">
        {t(keys.cause)}
      </p>
      <h2 className="mt-6 text-lg font-semibold">{t("help.fix")}</h2>
      <p className="mt-1" data-testid="error-fix">
        {t(keys.fix)}
      </p>
      <p className="mt-6">
        <Link
          href={`/help/wizards/${ERROR_CATALOG[code].wizard}?code=${code}${cid.success ? `&cid=${cid.data.correlationId}` : ""}`}
          className="font-medium underline"
          data-testid="open-wizard"
        >
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
