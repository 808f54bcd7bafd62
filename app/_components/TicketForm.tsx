"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "@/i18n/navigation";
import type { ErrorDetailsFieldsRow } from "@/server/troubleshooting/error-details.schemas";
import { submitTicketInput, type SubmitTicketFormValues, type SubmitTicketInput } from "@/server/tickets/tickets.schemas";
import type { TicketCategory } from "@/server/tickets/ticket-values";
import { TICKET_CATEGORIES } from "@/server/tickets/ticket-values";
import { toErrorDetails, type ErrorDetails } from "../_lib/error-details";
import { trpcClient } from "../_lib/trpc";
import { ErrorPanel } from "./ErrorPanel";
import { Field } from "./Field";
import { SubmitButton } from "./SubmitButton";

type Submitted = { reference: string; redacted: string[]; myTicketPath: string | null };

/**
 * The ticket form, from a wizard (its answers and error details travel with the run) or on its
 * own (the five fields can be filled in). One Idempotency-Key per form: pressing send again after
 * a network failure can never file a second ticket.
 */
export function TicketForm(props: {
  locale: "nl" | "en";
  signedIn: boolean;
  category: TicketCategory | null;
  wizardRunToken: string | null;
  prefill: ErrorDetailsFieldsRow;
  serverTime: string;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [clockOffset, setClockOffset] = useState<number | undefined>(undefined);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  useEffect(() => setClockOffset(Math.round((performance.timeOrigin + performance.now() - Date.parse(props.serverTime)) / 1000)), [props.serverTime]);

  const fromWizard = props.wizardRunToken !== null;
  const form = useForm<SubmitTicketFormValues, unknown, SubmitTicketInput>({
    resolver: zodResolver(submitTicketInput),
    defaultValues: {
      category: props.category ?? "other",
      subject: "",
      description: "",
      locale: props.locale,
      ...(fromWizard ? { wizardRunToken: props.wizardRunToken! } : {}),
      diagnostics: fromWizard ? undefined : { ...props.prefill },
      requester: props.signedIn ? undefined : { name: "", username: "", contactEmail: "" },
    },
  });
  const { errors, isSubmitting } = form.formState;
  const message = (key: string | undefined) => (key ? (t.has(key) ? t(key) : t("validation.required")) : undefined);

  async function onSubmit(values: SubmitTicketInput) {
    setFailure(null);
    try {
      const input = {
        ...values,
        diagnostics: values.diagnostics ? { ...values.diagnostics, clockOffsetSeconds: clockOffset } : fromWizard ? { clockOffsetSeconds: clockOffset } : undefined,
      };
      setSubmitted(await trpcClient(locale).tickets.submit.mutate(input, { context: { idempotencyKey } }));
    } catch (error) {
      setFailure(toErrorDetails(error));
    }
  }

  if (submitted) {
    return (
      <section role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-4" data-testid="ticket-submitted">
        <h3 className="font-semibold">{t("tickets.submittedTitle", { reference: submitted.reference })}</h3>
        <p className="mt-1" data-testid="ticket-reference">
          {submitted.reference}
        </p>
        <p className="mt-1">{submitted.myTicketPath ? t("tickets.submittedSignedIn") : t("tickets.submittedAnonymous")}</p>
        {submitted.redacted.length > 0 ? (
          <p className="mt-2" data-testid="ticket-redacted">
            {t("tickets.redactedNotice")}
          </p>
        ) : null}
        {submitted.myTicketPath ? (
          <p className="mt-2">
            <Link href={submitted.myTicketPath} className="font-medium underline">
              {t("tickets.openTicket")}
            </Link>
          </p>
        ) : null}
      </section>
    );
  }

  return (
    <form method="post" onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-4" data-testid="ticket-form">
      {failure ? (
        <div className="mb-4">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      {!fromWizard ? (
        <div className="mt-4">
          <label htmlFor="category" className="block font-medium">
            {t("tickets.category")}
          </label>
          <select id="category" className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2" {...form.register("category")}>
            {TICKET_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`tickets.categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <Field id="subject" label={t("tickets.subject")} error={message(errors.subject?.message)} {...form.register("subject")} />
      <div className="mt-4">
        <label htmlFor="description" className="block font-medium">
          {t("tickets.description")}
        </label>
        <p id="description-hint" className="text-sm text-slate-600">
          {t("tickets.descriptionHint")}
        </p>
        <textarea
          id="description"
          rows={6}
          aria-describedby={errors.description ? "description-hint description-error" : "description-hint"}
          aria-invalid={errors.description ? true : undefined}
          className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
          {...form.register("description")}
        />
        {errors.description ? (
          <p id="description-error" className="mt-1 text-sm text-red-800">
            {message(errors.description.message)}
          </p>
        ) : null}
      </div>
      {!fromWizard ? (
        <fieldset className="mt-6">
          <legend className="font-semibold">{t("tickets.detailsLegend")}</legend>
          <p className="text-sm text-slate-600">{t("tickets.detailsHint")}</p>
          <Field
            id="errorCode"
            label={t("errorDetails.code")}
            autoComplete="off"
            spellCheck={false}
            error={message(errors.diagnostics?.errorCode?.message)}
            {...form.register("diagnostics.errorCode")}
          />
          <Field
            id="correlationId"
            label={t("errorDetails.correlationId")}
            autoComplete="off"
            spellCheck={false}
            error={message(errors.diagnostics?.correlationId?.message)}
            {...form.register("diagnostics.correlationId")}
          />
          <Field
            id="displaySessionId"
            label={t("errorDetails.sessionId")}
            autoComplete="off"
            spellCheck={false}
            error={message(errors.diagnostics?.displaySessionId?.message)}
            {...form.register("diagnostics.displaySessionId")}
          />
          <Field
            id="occurredAt"
            label={t("errorDetails.timestamp")}
            hint={t("tickets.timestampHint")}
            autoComplete="off"
            error={message(errors.diagnostics?.occurredAt?.message)}
            {...form.register("diagnostics.occurredAt")}
          />
          <Field id="pageUrl" label={t("errorDetails.page")} autoComplete="off" error={message(errors.diagnostics?.pageUrl?.message)} {...form.register("diagnostics.pageUrl")} />
        </fieldset>
      ) : null}
      {!props.signedIn ? (
        <fieldset className="mt-6">
          <legend className="font-semibold">{t("tickets.aboutYou")}</legend>
          <p className="text-sm text-slate-600">{t("tickets.aboutYouHint")}</p>
          <Field id="requester-name" label={t("tickets.name")} autoComplete="name" error={message(errors.requester?.name?.message)} {...form.register("requester.name")} />
          <Field
            id="requester-username"
            label={t("signIn.username")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            error={message(errors.requester?.username?.message)}
            {...form.register("requester.username")}
          />
          <Field
            id="requester-email"
            type="email"
            label={t("tickets.contactEmail")}
            hint={t("tickets.contactEmailHint")}
            autoComplete="email"
            error={message(errors.requester?.contactEmail?.message)}
            {...form.register("requester.contactEmail")}
          />
        </fieldset>
      ) : null}
      <SubmitButton busy={isSubmitting} label={t("tickets.submit")} busyLabel={t("tickets.submitting")} />
    </form>
  );
}
