"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useRouter } from "@/i18n/navigation";
import { ticketReplyInput } from "@/server/tickets/tickets.schemas";
import { toErrorDetails, type ErrorDetails } from "../_lib/error-details";
import { trpcClient } from "../_lib/trpc";
import { ErrorPanel } from "./ErrorPanel";
import { SubmitButton } from "./SubmitButton";

/** A reply from the requester: on their own ticket (signed in) or through the status link. */
export function TicketReplyForm({ target }: { target: { reference: string } | { token: string } }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const [redacted, setRedacted] = useState(false);
  const form = useForm<{ body: string }>({ resolver: zodResolver(ticketReplyInput), defaultValues: { body: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit({ body }: { body: string }) {
    setFailure(null);
    try {
      const client = trpcClient(locale).tickets;
      const result =
        "reference" in target ? await client.reply.mutate({ reference: target.reference, body }) : await client.replyByStatusLink.mutate({ token: target.token, body });
      setRedacted(result.redacted.length > 0);
      form.reset();
      router.refresh();
    } catch (error) {
      setFailure(toErrorDetails(error));
    }
  }

  return (
    <form method="post" onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-8">
      {failure ? (
        <div className="mb-4">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      <label htmlFor="reply" className="block font-medium">
        {t("tickets.reply")}
      </label>
      <textarea
        id="reply"
        rows={4}
        aria-invalid={errors.body ? true : undefined}
        aria-describedby={errors.body ? "reply-error" : undefined}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
        {...form.register("body")}
      />
      {errors.body?.message ? (
        <p id="reply-error" className="mt-1 text-sm text-red-800">
          {t(errors.body.message)}
        </p>
      ) : null}
      {redacted ? (
        <p role="status" className="mt-2 text-sm">
          {t("tickets.redactedNotice")}
        </p>
      ) : null}
      <SubmitButton busy={isSubmitting} label={t("tickets.sendReply")} busyLabel={t("tickets.submitting")} />
    </form>
  );
}
