"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { METHOD_NICKNAME_MAX, renameMethodInput } from "@/server/methods/methods.schemas";
import { ErrorPanel } from "../../../_components/ErrorPanel";
import { toErrorDetails, type ErrorDetails } from "../../../_lib/error-details";
import { trpcClient } from "../../../_lib/trpc";

/** Give a method your own name ("work phone"), shown before its label; empty clears it. */
export function RenameMethod({ methodId, nickname }: { methodId: string; nickname: string | null }) {
  const t = useTranslations("securityInfo");
  const tAll = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(nickname ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const inputId = `nickname-${methodId}`;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setFailure(null);
    const parsed = renameMethodInput.safeParse({ methodId, nickname: value });
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? "validation.characters");
    setProblem(null);
    try {
      await trpcClient(locale).methods.rename.mutate(parsed.data);
      setOpen(false);
      router.refresh();
    } catch (error) {
      setFailure(toErrorDetails(error));
    }
  }

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="text-sm underline">
        {nickname ? t("renameMethod") : t("nameMethod")}
      </button>
    );
  }
  return (
    <form method="post" onSubmit={save} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium">
          {t("nicknameLabel")}
        </label>
        <input
          id={inputId}
          name="nickname"
          value={value}
          maxLength={METHOD_NICKNAME_MAX + 10}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${inputId}-hint${problem ? ` ${inputId}-problem` : ""}`}
          className="mt-1 rounded border border-slate-400 bg-white px-2 py-1"
        />
        <p id={`${inputId}-hint`} className="text-xs text-slate-600">
          {t("nicknameHint", { max: METHOD_NICKNAME_MAX })}
        </p>
        {problem ? (
          <p id={`${inputId}-problem`} className="text-sm text-red-800">
            {tAll(problem)}
          </p>
        ) : null}
      </div>
      <button type="submit" className="rounded border border-slate-500 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100">
        {t("nicknameSave")}
      </button>
      <button type="button" onClick={() => setOpen(false)} className="text-sm underline">
        {t("removeCancel")}
      </button>
      {failure ? <ErrorPanel details={failure} /> : null}
    </form>
  );
}
