"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { codeInput, type CodeInput } from "@/server/verification/sign-in.schemas";
import type { ErrorDetails } from "../_lib/error-details";
import { ErrorPanel } from "./ErrorPanel";
import { Field } from "./Field";
import { SubmitButton } from "./SubmitButton";

/**
 * One code field (six digits from an authenticator app or a text), its errors and a submit button.
 * `validationMessages` words the field's own messages for the way in use (by message key, e.g.
 * validation.codeForm for a text code); with `ownErrorPanel` false the caller shows refusals;
 * `characters` "letters" is for codes of letters and digits (recovery codes).
 */
export function CodeForm({
  id,
  label,
  hint,
  submitLabel,
  onCode,
  validationMessages = {},
  ownErrorPanel = true,
  characters = "digits",
}: {
  id: string;
  label: string;
  hint: string;
  submitLabel: string;
  onCode: (code: string) => Promise<ErrorDetails | null>;
  validationMessages?: Partial<Record<string, string>>;
  ownErrorPanel?: boolean;
  /** "letters": a code of letters and digits (a recovery code): the text keyboard, no one-time-code fill. */
  characters?: "digits" | "letters";
}) {
  const t = useTranslations();
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const form = useForm<CodeInput>({ resolver: zodResolver(codeInput), defaultValues: { code: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: CodeInput) {
    setFailure(null);
    const problem = await onCode(values.code);
    if (problem) {
      if (ownErrorPanel) setFailure(problem);
      form.reset({ code: "" });
      form.setFocus("code");
    }
  }

  return (
    <form method="post" onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-4">
      {failure ? (
        <div className="mb-4">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      <Field
        id={id}
        label={label}
        hint={hint}
        inputMode={characters === "digits" ? "numeric" : "text"}
        autoComplete={characters === "digits" ? "one-time-code" : "off"}
        autoCapitalize={characters === "digits" ? "none" : "characters"}
        spellCheck={false}
        className="mt-1 block w-full max-w-xs rounded border border-slate-400 bg-white px-3 py-2 font-mono text-xl tracking-widest aria-invalid:border-red-700"
        error={errors.code?.message ? (validationMessages[errors.code.message] ?? t(errors.code.message)) : undefined}
        {...form.register("code")}
      />
      <SubmitButton busy={isSubmitting} label={submitLabel} busyLabel={t("verify.checking")} />
    </form>
  );
}
