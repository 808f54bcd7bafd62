"use client";
import { useTranslations } from "next-intl";
import { CodeForm } from "../../_components/CodeForm";
import type { ChallengeProps } from "../types";

/** A code from the authenticator app: nothing to send, six digits that change every 30 seconds. */
export function TotpChallenge({ submitCode }: ChallengeProps) {
  const t = useTranslations("verify");
  return <CodeForm id="code" label={t("ways.totp.codeLabel")} hint={t("ways.totp.hint")} submitLabel={t("submit")} ownErrorPanel={false} onCode={submitCode} />;
}
