"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { useRouter } from "@/i18n/navigation";
import { passwordStepInput, type PasswordStepInput } from "@/server/verification/sign-in.schemas";
import { ErrorPanel } from "../../../_components/ErrorPanel";
import { Field } from "../../../_components/Field";
import { SubmitButton } from "../../../_components/SubmitButton";
import { toErrorDetails, type ErrorDetails } from "../../../_lib/error-details";
import { finishSignIn } from "../../../_lib/finish-sign-in";
import { trpcClient } from "../../../_lib/trpc";
import { rememberReturnTo, takeReturnTo } from "../../../_lib/return-to";
import { useSignInChallenge } from "../../../_lib/use-sign-in-challenge";

export function SignInForm({ returnTo }: { returnTo: string | null }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [checking, setChecking] = useState(false);
  const challenge = useSignInChallenge(locale);
  const form = useForm<PasswordStepInput>({ resolver: zodResolver(passwordStepInput), defaultValues: { username: "", password: "" } });
  const { errors, isSubmitting } = form.formState;
  // Started from help: come back there once signed in (also after the code page).
  useEffect(() => rememberReturnTo(returnTo), [returnTo]);

  /**
   * Sends the password, with a solved challenge when the page has one ready. While many sign-ins
   * fail the server asks for one (SIGN_IN_CHALLENGE_REQUIRED): the page solves it and tries once more.
   */
  async function submitPassword(values: PasswordStepInput) {
    const client = trpcClient(locale).signIn.password;
    try {
      return await client.mutate({ ...values, proof: await challenge.readyProof() });
    } catch (error) {
      if (toErrorDetails(error).code !== "SIGN_IN_CHALLENGE_REQUIRED") throw error;
    }
    setChecking(true);
    try {
      return await client.mutate({ ...values, proof: await challenge.solvedProof() });
    } finally {
      setChecking(false);
    }
  }

  async function onSubmit(values: PasswordStepInput) {
    setFailure(null);
    let step: Awaited<ReturnType<typeof submitPassword>>;
    try {
      step = await submitPassword(values);
    } catch (error) {
      setFailure(toErrorDetails(error));
      form.resetField("password");
      return;
    }
    setFinishing(true);
    if (step.status !== "completed") {
      router.push(step.status === "factor" ? "/sign-in/verify" : step.status === "pass" ? "/sign-in/pass" : "/sign-in/register");
      return;
    }
    const problem = await finishSignIn(step);
    if (problem) {
      setFinishing(false);
      setFailure(problem);
      return;
    }
    router.replace(takeReturnTo() ?? "/security-info");
    router.refresh();
  }

  const busy = isSubmitting || finishing;
  return (
    <form method="post" onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-6" aria-describedby={failure ? "sign-in-failure" : undefined} data-proof={challenge.status}>
      {failure ? (
        <div id="sign-in-failure" className="mb-4">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      <Field
        id="username"
        label={t("signIn.username")}
        hint={t("signIn.usernameHint")}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        error={errors.username?.message ? t(errors.username.message) : undefined}
        {...form.register("username")}
      />
      <Field
        id="password"
        type="password"
        label={t("signIn.password")}
        autoComplete="current-password"
        error={errors.password?.message ? t(errors.password.message) : undefined}
        {...form.register("password")}
      />
      <SubmitButton busy={busy} label={t("signIn.submit")} busyLabel={finishing ? t("signIn.finishing") : checking ? t("signIn.checkingBrowser") : t("signIn.submitting")} />
    </form>
  );
}
