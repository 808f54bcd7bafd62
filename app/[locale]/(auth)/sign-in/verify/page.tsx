import { getTranslations, setRequestLocale } from "next-intl/server";
import { isAppError } from "@/server/core/errors";
import { factorStepState } from "@/server/verification/sign-in-factor";
import { titleFrom } from "../../../../_lib/metadata";
import { pageRequestInfo } from "../../../../_lib/request";
import { AttemptExpired } from "../AttemptExpired";
import { VerifyCode } from "./VerifyCode";

export const generateMetadata = titleFrom("verify");

/** The second-factor step: the way in use (the default first), its view from app/_methods, and the other ways. */
export default async function VerifyPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations();
  let state: Awaited<ReturnType<typeof factorStepState>>;
  try {
    state = await factorStepState(await pageRequestInfo());
  } catch (error) {
    if (!isAppError(error)) throw error;
    return <AttemptExpired titleKey="verify.title" />;
  }
  return (
    <div className="mx-auto max-w-md">
      <VerifyCode
        options={state.options}
        selected={state.selected}
        notice={
          state.locked ? (
            <p className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-950" data-testid="locked-notice">
              {t("errors.ACCOUNT_LOCKED.message", state.locked)}
            </p>
          ) : null
        }
      />
    </div>
  );
}
