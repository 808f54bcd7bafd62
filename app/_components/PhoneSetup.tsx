"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { phoneNumberInput, type PhoneNumberInput } from "@/server/verification/sign-in.schemas";
import { toErrorDetails, type ErrorDetails } from "../_lib/error-details";
import { CodeForm } from "./CodeForm";
import { ErrorPanel } from "./ErrorPanel";
import { Field } from "./Field";
import { SubmitButton } from "./SubmitButton";

/**
 * Registering a phone number: the number (a code is sent to it), then that code. `send` and
 * `confirm` are the procedures of the flow this runs in (sign-in or security info).
 */
export function PhoneSetup({
  send,
  confirm,
}: {
  send: (locale: string, number: string) => Promise<{ methodId: string; display: string; expiresInSeconds: number }>;
  confirm: (locale: string, methodId: string, code: string) => Promise<ErrorDetails | null>;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const [sent, setSent] = useState<{ methodId: string; display: string; expiresInSeconds: number } | null>(null);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const form = useForm<PhoneNumberInput>({ resolver: zodResolver(phoneNumberInput), defaultValues: { number: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: PhoneNumberInput) {
    setFailure(null);
    try {
      setSent(await send(locale, values.number));
    } catch (error) {
      setFailure(toErrorDetails(error));
    }
  }

  return (
    <div data-testid="phone-setup">
      {failure ? (
        <div className="mt-4">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      <form method="post" onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <Field
          id="phone-number"
          type="tel"
          label={t("phoneSetup.numberLabel")}
          hint={t("phoneSetup.numberHint")}
          autoComplete="tel"
          inputMode="tel"
          error={errors.number?.message ? t(errors.number.message) : undefined}
          {...form.register("number")}
        />
        <SubmitButton busy={isSubmitting} label={t("phoneSetup.send")} busyLabel={t("phoneSetup.sending")} />
      </form>
      {sent ? (
        <div className="mt-6">
          <p role="status" data-testid="phone-code-sent">
            {t("phoneSetup.sentTo", { number: sent.display, minutes: Math.max(1, Math.round(sent.expiresInSeconds / 60)) })}
          </p>
          <CodeForm
            id="phone-code"
            label={t("phoneSetup.codeLabel")}
            hint={t("phoneSetup.codeHint")}
            submitLabel={t("phoneSetup.confirm")}
            onCode={(code) => confirm(locale, sent.methodId, code)}
          />
        </div>
      ) : null}
    </div>
  );
}
