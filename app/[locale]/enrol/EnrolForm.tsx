"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Link } from "@/i18n/navigation";
import { enrolmentPasswordInput } from "@/server/setup/enrolment.schemas";
import { ErrorPanel } from "../../_components/ErrorPanel";
import { Field } from "../../_components/Field";
import { SubmitButton } from "../../_components/SubmitButton";
import { toErrorDetails, type ErrorDetails } from "../../_lib/error-details";
import { trpcClient } from "../../_lib/trpc";

type Values = z.infer<typeof enrolmentPasswordInput>;
type LinkState = { kind: "checking" } | { kind: "ready"; displayName: string; username: string; expiresAt: Date } | { kind: "done"; username: string };

/**
 * The enrolment link carries its token in the URL fragment (never sent to a server log); this
 * form reads it, shows whom it is for, and sets the first password.
 */
export function EnrolForm() {
  const t = useTranslations();
  const locale = useLocale();
  const format = useFormatter();
  const [token, setToken] = useState("");
  const [state, setState] = useState<LinkState>({ kind: "checking" });
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(enrolmentPasswordInput),
    defaultValues: { token: "", password: "", confirmPassword: "" },
  });
  const { errors, isSubmitting } = form.formState;

  useEffect(() => {
    const fromHash = window.location.hash.slice(1);
    // Drop the token from the address bar and history once read.
    window.history.replaceState(null, "", window.location.pathname);
    setToken(fromHash);
    form.setValue("token", fromHash);
    trpcClient(locale)
      .enrolment.inspect.mutate({ token: fromHash })
      .then((link) => setState({ kind: "ready", ...link, expiresAt: new Date(link.expiresAt) }))
      .catch((error: unknown) => setFailure(toErrorDetails(error)));
  }, [form, locale]);

  async function onSubmit(values: Values) {
    setFailure(null);
    try {
      const result = await trpcClient(locale).enrolment.setPassword.mutate(values);
      setState({ kind: "done", username: result.username });
    } catch (error) {
      setFailure(toErrorDetails(error));
    }
  }

  if (state.kind === "done") {
    return (
      <div className="mt-6" data-testid="enrol-done">
        <p role="status">{t("enrol.done", { username: state.username })}</p>
        <p className="mt-4">
          <Link href="/sign-in" className="font-medium underline">
            {t("enrol.goToSignIn")}
          </Link>
        </p>
      </div>
    );
  }
  const passwordError = errors.password?.message ? t(errors.password.message) : undefined;
  return (
    <div className="mt-4">
      {failure ? <ErrorPanel details={failure} /> : null}
      {state.kind === "checking" && !failure ? <p role="status">{t("enrol.checking")}</p> : null}
      {state.kind === "ready" ? (
        <form method="post" onSubmit={form.handleSubmit(onSubmit)} noValidate>
          <p className="mt-4">{t("enrol.welcome", { name: state.displayName, username: state.username })}</p>
          <p className="mt-1 text-sm text-slate-600">{t("enrol.validUntil", { time: format.dateTime(state.expiresAt, { timeStyle: "short", dateStyle: "medium" }) })}</p>
          <input type="hidden" value={token} {...form.register("token")} />
          <input type="text" name="username" autoComplete="username" value={state.username} readOnly hidden />
          <Field
            id="new-password"
            type="password"
            label={t("enrol.password")}
            hint={t("enrol.passwordHint")}
            autoComplete="new-password"
            error={passwordError}
            {...form.register("password")}
          />
          <Field
            id="confirm-password"
            type="password"
            label={t("enrol.confirmPassword")}
            autoComplete="new-password"
            error={errors.confirmPassword?.message ? t(errors.confirmPassword.message) : undefined}
            {...form.register("confirmPassword")}
          />
          <SubmitButton busy={isSubmitting} label={t("enrol.submit")} busyLabel={t("enrol.submitting")} />
        </form>
      ) : null}
    </div>
  );
}
