import { getTranslations, setRequestLocale } from "next-intl/server";
import { isAppError } from "@/server/core/errors";
import { passStepState } from "@/server/verification/sign-in-factor";
import { titleFrom } from "../../../../_lib/metadata";
import { pageRequestInfo } from "../../../../_lib/request";
import { AttemptExpired } from "../AttemptExpired";
import { PassForm } from "./PassForm";

export const generateMetadata = titleFrom("pass");

/** The temporary access pass from the helpdesk: it lets you set up a new method, nothing more. */
export default async function PassPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("pass");
  try {
    await passStepState(await pageRequestInfo());
  } catch (error) {
    if (!isAppError(error)) throw error;
    return <AttemptExpired titleKey="pass.title" />;
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      <PassForm />
    </div>
  );
}
