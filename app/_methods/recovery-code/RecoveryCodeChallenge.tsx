"use client";
import { useTranslations } from "next-intl";
import { CodeForm } from "../../_components/CodeForm";
import type { ChallengeProps } from "../types";

/** A recovery code from the person's list: nothing to send; 16 characters, each code works once. */
export function RecoveryCodeChallenge({ submitCode }: ChallengeProps) {
  const t = useTranslations("verify");
  return (
    <CodeForm
      id="code"
      label={t("ways.recovery_code.codeLabel")}
      hint={t("ways.recovery_code.hint")}
      submitLabel={t("submit")}
      ownErrorPanel={false}
      validationMessages={{ "validation.codeForm": t("ways.recovery_code.codeForm") }}
      characters="letters"
      onCode={submitCode}
    />
  );
}
