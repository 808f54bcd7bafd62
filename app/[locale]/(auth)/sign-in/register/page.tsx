import { getTranslations, setRequestLocale } from "next-intl/server";
import { getEnv } from "@/server/core/env";
import { isAppError } from "@/server/core/errors";
import { companionAuthenticatorUrl } from "@/server/http/authenticator-origin";
import { registrationStepState } from "@/server/verification/sign-in-factor";
import { titleFrom } from "../../../../_lib/metadata";
import { pageRequestInfo } from "../../../../_lib/request";
import { AttemptExpired } from "../AttemptExpired";
import { SignInRegistration } from "./SignInRegistration";

export const generateMetadata = titleFrom("register");

/** "Your organisation requires extra verification — set it up now." */
export default async function RegisterPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations();
  let phoneAllowed: boolean;
  try {
    ({ phoneAllowed } = await registrationStepState(await pageRequestInfo()));
  } catch (error) {
    if (!isAppError(error)) throw error;
    return <AttemptExpired titleKey="register.title" />;
  }
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{t("register.title")}</h1>
      <p className="mt-2 text-slate-700">{t("register.intro")}</p>
      <SignInRegistration phoneAllowed={phoneAllowed} companionUrl={companionAuthenticatorUrl(getEnv())} />
    </div>
  );
}
