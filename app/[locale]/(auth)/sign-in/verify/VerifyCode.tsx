"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "@/i18n/navigation";
import { CodeForm } from "../../../../_components/CodeForm";
import { toErrorDetails } from "../../../../_lib/error-details";
import { finishSignIn } from "../../../../_lib/finish-sign-in";
import { trpcClient } from "../../../../_lib/trpc";

export function VerifyCode() {
  const t = useTranslations("verify");
  const locale = useLocale();
  const router = useRouter();
  return (
    <CodeForm
      id="code"
      label={t("codeLabel")}
      hint={t("codeHint")}
      submitLabel={t("submit")}
      onCode={async (code) => {
        try {
          const step = await trpcClient(locale).signIn.code.mutate({ code });
          const problem = await finishSignIn(step);
          if (problem) return problem;
          router.replace("/security-info");
          router.refresh();
          return null;
        } catch (error) {
          return toErrorDetails(error);
        }
      }}
    />
  );
}
