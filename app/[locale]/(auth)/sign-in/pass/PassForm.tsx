"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useRouter } from "@/i18n/navigation";
import { accessPassInput, type AccessPassInput } from "@/server/verification/sign-in.schemas";
import { ErrorPanel } from "../../../../_components/ErrorPanel";
import { Field } from "../../../../_components/Field";
import { SubmitButton } from "../../../../_components/SubmitButton";
import { toErrorDetails, type ErrorDetails } from "../../../../_lib/error-details";
import { trpcClient } from "../../../../_lib/trpc";

export function PassForm() {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const form = useForm<AccessPassInput>({ resolver: zodResolver(accessPassInput), defaultValues: { pass: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: AccessPassInput) {
    setFailure(null);
    try {
      await trpcClient(locale).signIn.pass.mutate(values);
      router.push("/sign-in/register");
    } catch (error) {
      setFailure(toErrorDetails(error));
      form.reset({ pass: "" });
    }
  }

  return (
    <form method="post" onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-6">
      {failure ? (
        <div className="mb-4">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      <Field
        id="pass"
        label={t("pass.label")}
        hint={t("pass.hint")}
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        error={errors.pass?.message ? t(errors.pass.message) : undefined}
        {...form.register("pass")}
      />
      <SubmitButton busy={isSubmitting} label={t("pass.submit")} busyLabel={t("pass.submitting")} />
    </form>
  );
}
