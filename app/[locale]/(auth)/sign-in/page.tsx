import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { optionalSession } from "@/server/auth/require-session";
import { redirect } from "next/navigation";
import { SignInForm } from "./SignInForm";
import { safeReturnTo } from "../../../_lib/return-to";
import { titleFrom } from "../../../_lib/metadata";

export const generateMetadata = titleFrom("signIn");

export default async function SignInPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<{ notice?: string; return?: string }> }) {
  const { locale } = await params;
  const { notice, return: returnParam } = await searchParams;
  const returnTo = safeReturnTo(returnParam);
  setRequestLocale(locale);
  const session = await optionalSession((await headers()).get("cookie"));
  if (session) redirect(`/${locale}${returnTo ?? "/security-info"}`);
  const t = await getTranslations("signIn");
  const noticeText = notice === "signed-out" ? t("signedOut") : notice === "session-ended" ? t("sessionEnded") : notice === "continue" ? t("toContinue") : null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-slate-700">{t("intro")}</p>
      {noticeText ? (
        <p className="mt-4 rounded border border-brand-100 bg-brand-50 p-3" data-testid="sign-in-notice">
          {noticeText}
        </p>
      ) : null}
      <SignInForm returnTo={returnTo} />
      <p className="mt-6">
        <Link href="/help" className="underline">
          {t("needHelp")}
        </Link>
      </p>
    </div>
  );
}
