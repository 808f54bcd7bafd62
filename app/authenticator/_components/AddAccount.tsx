"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { Field } from "../../_components/Field";
import { MAX_NAME_LENGTH, parseSetupLink, type AccountSetup, type SetupProblem, type SetupResult, setupFromKey } from "../_lib/setup-link";
import { QrScan } from "./QrScan";

const submitButton = "mt-4 rounded bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700";

/** Adding an account: scan the QR code, paste the setup link, or type the key by hand. */
export function AddAccount({ onAdd }: { onAdd: (setup: AccountSetup) => Promise<boolean> }) {
  const t = useTranslations("authenticator");
  return (
    <section aria-labelledby="add-heading" className="mt-8">
      <h2 id="add-heading" className="text-xl font-semibold">
        {t("addTitle")}
      </h2>
      <p className="mt-1 text-slate-700">{t("addIntro")}</p>
      <QrScan onAdd={onAdd} />
      <LinkForm onAdd={onAdd} />
      <details className="mt-6">
        <summary className="cursor-pointer font-medium underline">{t("byHand")}</summary>
        <KeyForm onAdd={onAdd} />
      </details>
    </section>
  );
}

/** The problem's text, in the person's language. */
export function useProblemText() {
  const t = useTranslations("authenticator.problems");
  return (problem: SetupProblem) => t(problem, { max: MAX_NAME_LENGTH });
}

/** Runs a setup check; on success stores the account, on failure shows what to fix. */
function useSetupForm(onAdd: (setup: AccountSetup) => Promise<boolean>) {
  const [problem, setProblem] = useState<SetupProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (result: SetupResult): Promise<boolean> => {
    if (!result.ok) {
      setProblem(result.problem);
      return false;
    }
    setProblem(null);
    setBusy(true);
    try {
      return await onAdd(result.setup);
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, submit };
}

function LinkForm({ onAdd }: { onAdd: (setup: AccountSetup) => Promise<boolean> }) {
  const t = useTranslations("authenticator");
  const problemText = useProblemText();
  const id = useId();
  const [link, setLink] = useState("");
  const { problem, busy, submit } = useSetupForm(onAdd);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(parseSetupLink(link))) setLink("");
  };

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4" data-testid="link-form">
      <Field
        id={`${id}-link`}
        label={t("linkLabel")}
        hint={t("linkHint")}
        error={problem ? problemText(problem) : undefined}
        value={link}
        onChange={(e) => setLink(e.target.value)}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        inputMode="url"
      />
      <button type="submit" className={submitButton} disabled={busy}>
        {t("addWithLink")}
      </button>
    </form>
  );
}

function KeyForm({ onAdd }: { onAdd: (setup: AccountSetup) => Promise<boolean> }) {
  const t = useTranslations("authenticator");
  const problemText = useProblemText();
  const id = useId();
  const [values, setValues] = useState({ accountName: "", issuer: "", key: "" });
  const { problem, busy, submit } = useSetupForm(onAdd);
  const nameProblem = problem === "noName" || problem === "nameTooLong";

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(setupFromKey(values))) setValues({ accountName: "", issuer: "", key: "" });
  };
  const set = (name: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: e.target.value }));

  return (
    <form onSubmit={onSubmit} noValidate data-testid="key-form">
      <Field
        id={`${id}-account`}
        label={t("accountName")}
        hint={t("accountNameHint")}
        error={problem && nameProblem ? problemText(problem) : undefined}
        value={values.accountName}
        onChange={set("accountName")}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={MAX_NAME_LENGTH}
      />
      <Field id={`${id}-issuer`} label={t("issuer")} value={values.issuer} onChange={set("issuer")} autoComplete="organization" maxLength={MAX_NAME_LENGTH} />
      <Field
        id={`${id}-key`}
        label={t("key")}
        hint={t("keyHint")}
        error={problem && !nameProblem ? problemText(problem) : undefined}
        value={values.key}
        onChange={set("key")}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono text-base aria-invalid:border-red-700"
      />
      <button type="submit" className={submitButton} disabled={busy}>
        {t("addByHand")}
      </button>
    </form>
  );
}
