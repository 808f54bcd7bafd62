"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AuthenticatorSetup } from "../../../../_components/AuthenticatorSetup";
import { PhoneSetup } from "../../../../_components/PhoneSetup";
import { trpcClient } from "../../../../_lib/trpc";
import { useFinishSignIn } from "../../../../_lib/use-finish-sign-in";

const start = (locale: string) => trpcClient(locale).signIn.beginRegistration.mutate({});
const sendPhoneCode = (locale: string, number: string) => trpcClient(locale).signIn.beginPhoneRegistration.mutate({ number });

/**
 * Forced registration during sign-in (seed 003): the authenticator app or a mobile phone as the
 * first method; confirmed, signed in. After a phone, security info offers a backup phone. Staff
 * register the authenticator app only.
 */
export function SignInRegistration({ phoneAllowed, companionUrl }: { phoneAllowed: boolean; companionUrl: string | null }) {
  const t = useTranslations("phoneSetup");
  const [choice, setChoice] = useState<"app" | "phone">("app");
  const finishApp = useFinishSignIn("/security-info?notice=method-added");
  const finishPhone = useFinishSignIn("/security-info/phone?backup=1");
  return (
    <div>
      {phoneAllowed ? (
        <fieldset className="mt-4">
          <legend className="font-semibold">{t("chooseMethod")}</legend>
          {(["app", "phone"] as const).map((option) => (
            <label key={option} className="mt-2 flex items-center gap-2">
              <input type="radio" name="first-method" value={option} checked={choice === option} onChange={() => setChoice(option)} />
              {option === "app" ? t("optionApp") : t("optionPhone")}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="mt-4">{t("staffAppOnly")}</p>
      )}
      {choice === "app" ? (
        <AuthenticatorSetup
          start={start}
          companionUrl={companionUrl}
          confirm={(locale, methodId, code) => finishApp(() => trpcClient(locale).signIn.confirmRegistration.mutate({ methodId, code }))}
        />
      ) : (
        <PhoneSetup send={sendPhoneCode} confirm={(locale, methodId, code) => finishPhone(() => trpcClient(locale).signIn.confirmPhoneRegistration.mutate({ methodId, code }))} />
      )}
    </div>
  );
}
