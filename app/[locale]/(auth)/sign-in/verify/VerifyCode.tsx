"use client";
import { useLocale, useTranslations } from "next-intl";
import { CodeForm } from "../../../../_components/CodeForm";
import { trpcClient } from "../../../../_lib/trpc";
import { useFinishSignIn } from "../../../../_lib/use-finish-sign-in";

export function VerifyCode() {
  const t = useTranslations("verify");
  const locale = useLocale();
  const finish = useFinishSignIn("/security-info");
  return (
    <CodeForm
      id="code"
      label={t("codeLabel")}
      hint={t("codeHint")}
      submitLabel={t("submit")}
      onCode={(code) => finish(() => trpcClient(locale).signIn.code.mutate({ code }))}
    />
  );
}
