"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useRouter } from "@/i18n/navigation";
import { officePhoneInput } from "@/server/admin/admin.schemas";
import { ErrorPanel } from "../../../../../_components/ErrorPanel";
import { Field } from "../../../../../_components/Field";
import { SubmitButton } from "../../../../../_components/SubmitButton";
import { trpcClient } from "../../../../../_lib/trpc";
import { useStepUpAction } from "../../../../../_lib/use-step-up";

type Values = z.input<typeof officePhoneInput>;

/** Sets (or removes) a person's office phone; asks the administrator to confirm it's them first when needed. */
export function OfficePhoneForm({ personId, hasPhone }: { personId: string; hasPhone: boolean }) {
  const t = useTranslations("admin");
  const tAll = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const { failure, run: guarded, confirm } = useStepUpAction();
  const form = useForm<Values>({ resolver: zodResolver(officePhoneInput), defaultValues: { personId, number: "", extension: "" } });
  const { errors, isSubmitting } = form.formState;

  const run = (action: () => Promise<unknown>) =>
    guarded(async () => {
      await action();
      router.refresh();
    });

  return (
    <div className="mt-4">
      {failure ? <ErrorPanel details={failure} /> : null}
      {confirm}
      <form method="post" noValidate onSubmit={form.handleSubmit((values) => run(() => trpcClient(locale).admin.setOfficePhone.mutate(values)))}>
        <input type="hidden" {...form.register("personId")} />
        <Field
          id="office-number"
          type="tel"
          label={t("numberLabel")}
          hint={t("numberHint")}
          error={errors.number?.message ? tAll(errors.number.message) : undefined}
          {...form.register("number")}
        />
        <Field
          id="office-extension"
          inputMode="numeric"
          label={t("extensionLabel")}
          error={errors.extension?.message ? tAll(errors.extension.message) : undefined}
          {...form.register("extension")}
        />
        <SubmitButton busy={isSubmitting} label={t("save")} busyLabel={t("saving")} />
      </form>
      {hasPhone ? (
        <button
          type="button"
          onClick={() => run(() => trpcClient(locale).admin.removeOfficePhone.mutate({ personId }))}
          className="mt-4 rounded border border-red-800 bg-white px-4 py-2 font-medium text-red-900 hover:bg-red-50"
        >
          {t("remove")}
        </button>
      ) : null}
    </div>
  );
}
