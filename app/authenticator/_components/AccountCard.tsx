"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { AccountRecord } from "../_lib/accounts-db-schema";
import { cleanLabel, MAX_LABEL_LENGTH } from "../_lib/accounts";
import { groupCode, totpAt } from "../_lib/totp";

const button = "rounded border border-slate-500 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100";

/** One account: its current code and the seconds left, copy, rename and remove (after a confirmation). */
export function AccountCard({
  account,
  now,
  onRename,
  onRemove,
}: {
  account: AccountRecord;
  now: number;
  onRename: (account: AccountRecord, label: string) => Promise<void>;
  onRemove: (account: AccountRecord) => Promise<void>;
}) {
  const t = useTranslations("authenticator");
  const id = useId();
  const { period, digits, key } = account.totp;
  const seconds = Math.floor(now / 1000);
  const step = Math.floor(seconds / period);
  const secondsLeft = period - (seconds % period);
  const [code, setCode] = useState<{ step: number; code: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);

  // Back from the rename form: the focus returns to its button.
  useEffect(() => {
    if (wasRenaming.current && !renaming) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  useEffect(() => {
    let current = true;
    totpAt(key, { digits, period }, step * period * 1000).then((next) => current && setCode({ step, code: next.code }));
    return () => {
      current = false;
    };
  }, [key, digits, period, step]);

  const shown = code?.step === step ? code.code : null;

  const copy = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown);
    } catch {
      return; // No clipboard access: the code is on the screen to type.
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };

  return (
    <li className="rounded border border-slate-200 bg-white p-4" data-testid="account" data-account-id={account.id}>
      <h3 id={`${id}-label`} className="break-words font-semibold" data-testid="account-label">
        {account.label}
      </h3>
      {account.issuer ? (
        <p className="break-words text-sm text-slate-600">
          {account.issuer} · {account.accountName}
        </p>
      ) : (
        <p className="break-words text-sm text-slate-600">{account.accountName}</p>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1">
        <p className="font-mono text-3xl font-semibold tracking-wider text-brand-900" data-testid="account-code" data-code={shown ?? ""} data-step={shown ? step : ""}>
          <span className="sr-only">{t("codeLabel")}: </span>
          {shown ? groupCode(shown) : "––– –––"}
        </p>
        <p className="text-sm text-slate-700" data-testid="seconds-left">
          {t("secondsLeft", { seconds: secondsLeft })}
        </p>
      </div>
      {/* Rendered only in the browser (accounts come from its storage), so the width is set through
          the DOM, which the CSP allows, never as a style attribute in the page's HTML. */}
      <div className="mt-2 h-1.5 w-full overflow-hidden rounded bg-slate-200" aria-hidden="true">
        <div className="h-full bg-brand-600" style={{ width: `${(secondsLeft / period) * 100}%` }} />
      </div>

      {renaming ? (
        <RenameForm
          label={account.label}
          onCancel={() => setRenaming(false)}
          onSave={async (label) => {
            await onRename(account, label);
            setRenaming(false);
          }}
        />
      ) : (
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" className={button} onClick={copy} aria-label={t("copyNamed", { label: account.label })} disabled={!shown}>
            {copied ? t("copied") : t("copy")}
          </button>
          <button ref={renameButton} type="button" className={button} onClick={() => setRenaming(true)} aria-label={t("renameNamed", { label: account.label })}>
            {t("rename")}
          </button>
          <button
            type="button"
            className="rounded border border-red-800 bg-white px-3 py-1.5 text-sm font-medium text-red-900 hover:bg-red-50"
            onClick={() => dialog.current?.showModal()}
            aria-label={t("removeNamed", { label: account.label })}
          >
            {t("remove")}
          </button>
        </div>
      )}

      <dialog
        ref={dialog}
        aria-labelledby={`${id}-remove-title`}
        aria-describedby={`${id}-remove-warning`}
        className="m-auto max-w-sm rounded border border-slate-300 p-5 backdrop:bg-slate-900/50"
        data-testid="remove-confirmation"
      >
        <h4 id={`${id}-remove-title`} className="break-words text-lg font-semibold">
          {t("removeTitle", { label: account.label })}
        </h4>
        <p id={`${id}-remove-warning`} className="mt-2">
          {t("removeWarning")}
        </p>
        <form method="dialog" className="mt-4 flex flex-wrap gap-2">
          <button type="submit" className={button}>
            {t("removeKeep")}
          </button>
          <button
            type="button"
            className="rounded bg-red-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-900"
            onClick={async () => {
              dialog.current?.close();
              await onRemove(account);
            }}
          >
            {t("removeConfirm")}
          </button>
        </form>
      </dialog>
    </li>
  );
}

function RenameForm({ label, onSave, onCancel }: { label: string; onSave: (label: string) => Promise<void>; onCancel: () => void }) {
  const t = useTranslations("authenticator");
  const id = useId();
  const [value, setValue] = useState(label);
  const [problem, setProblem] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clean = cleanLabel(value);
    if (!clean) {
      setProblem(true);
      input.current?.focus();
      return;
    }
    await onSave(clean);
  };

  return (
    <form onSubmit={submit} className="mt-3" noValidate>
      <label htmlFor={`${id}-name`} className="block font-medium">
        {t("newName")}
      </label>
      <input
        ref={input}
        id={`${id}-name`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        maxLength={MAX_LABEL_LENGTH}
        aria-invalid={problem || undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-base aria-invalid:border-red-700"
      />
      {problem ? (
        <p id={`${id}-problem`} className="mt-1 text-sm text-red-800">
          {t("nameProblem", { max: MAX_LABEL_LENGTH })}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
          {t("save")}
        </button>
        <button type="button" className={button} onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
