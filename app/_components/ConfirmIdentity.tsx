"use client";
import { useLocale, useTranslations } from "next-intl";
import { toErrorDetails } from "../_lib/error-details";
import { trpcClient } from "../_lib/trpc";
import { CodeForm } from "./CodeForm";

/** "Confirm it's you": a current code makes this session's second factor fresh for 10 minutes. */
export function ConfirmIdentity({ onConfirmed }: { onConfirmed: () => void }) {
  const t = useTranslations("confirmIdentity");
  const locale = useLocale();
  return (
    <section aria-labelledby="confirm-identity-heading" className="mt-4 rounded border border-brand-100 bg-brand-50 p-4" data-testid="confirm-identity">
      <h2 id="confirm-identity-heading" className="font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1">{t("intro")}</p>
      <CodeForm
        id="confirm-code"
        label={t("codeLabel")}
        hint={t("codeHint")}
        submitLabel={t("submit")}
        onCode={async (code) => {
          try {
            await trpcClient(locale).methods.confirmIdentity.mutate({ code });
            onConfirmed();
            return null;
          } catch (error) {
            return toErrorDetails(error);
          }
        }}
      />
    </section>
  );
}
