"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useRouter } from "@/i18n/navigation";
import { newPersonInput, ROLE_VALUES, type NewPersonInput } from "@/server/admin/people.schemas";
import { ErrorPanel } from "../../../../_components/ErrorPanel";
import { Field } from "../../../../_components/Field";
import { trpcClient } from "../../../../_lib/trpc";
import { useStepUpAction } from "../../../../_lib/use-step-up";

type Report = { rows: number; valid: number; problems: Array<{ line: number; field: string; problem: string }>; created: number };

/**
 * Add one person (they get an enrolment link by email), or import many from CSV after a dry run.
 * Every change needs a fresh second factor ("confirm it's you", then the same change again);
 * adding an agent or administrator waits for a second administrator.
 */
export function PeopleAdmin() {
  const t = useTranslations();
  /** A row's problem in words: our import checks, or the field's validation message. */
  const describeProblem = (problem: string): string => {
    const duplicate = /^duplicate_of_line_(\d+)$/.exec(problem);
    if (duplicate) return t("admin.importProblems.duplicate", { first: Number(duplicate[1]) });
    if (t.has(`admin.importProblems.${problem}`)) return t(`admin.importProblems.${problem}`);
    return t.has(`validation.${problem}`) ? t(`validation.${problem}`) : problem;
  };
  const locale = useLocale();
  const router = useRouter();
  const { failure, run, confirm } = useStepUpAction();
  const [created, setCreated] = useState<{ username: string; role: NewPersonInput["role"]; pending: boolean } | null>(null);
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<Report | null>(null);
  /** A changed file needs a new dry run before it can be imported. */
  const changeCsv = (text: string) => {
    setCsv(text);
    setReport(null);
  };
  const form = useForm<NewPersonInput>({ resolver: zodResolver(newPersonInput), defaultValues: { username: "", displayName: "", email: "", locale: "nl", role: "person" } });
  const { errors, isSubmitting } = form.formState;
  const message = (key?: string) => (key ? t(key) : undefined);

  const importCsv = (dryRun: boolean) =>
    run(async () => {
      const result = await trpcClient(locale).admin.importPeople.mutate({ csv, dryRun });
      setReport(result);
      if (result.created > 0) router.refresh();
    });

  return (
    <>
      {failure ? (
        <div className="mt-6">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      {confirm}
      <div className="mt-8 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="add-person">
          <h2 id="add-person" className="text-lg font-semibold">
            {t("admin.addPerson")}
          </h2>
          <form
            method="post"
            noValidate
            onSubmit={form.handleSubmit((values) =>
              run(async () => {
                setCreated(null);
                const done = await trpcClient(locale).admin.createPerson.mutate(values);
                setCreated({ username: done.username, role: values.role, pending: done.status === "pending" });
                form.reset();
                router.refresh();
              }),
            )}
          >
            <Field id="new-username" label={t("admin.username")} autoComplete="off" error={message(errors.username?.message)} {...form.register("username")} />
            <Field id="new-name" label={t("admin.name")} error={message(errors.displayName?.message)} {...form.register("displayName")} />
            <Field id="new-email" type="email" label={t("admin.email")} error={message(errors.email?.message)} {...form.register("email")} />
            <div className="mt-4 flex gap-4">
              <div>
                <label htmlFor="new-locale" className="block font-medium">
                  {t("admin.language")}
                </label>
                <select id="new-locale" className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5" {...form.register("locale")}>
                  <option value="nl">Nederlands</option>
                  <option value="en">English</option>
                </select>
              </div>
              <div>
                <label htmlFor="new-role" className="block font-medium">
                  {t("admin.role")}
                </label>
                <select id="new-role" className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5" {...form.register("role")}>
                  {ROLE_VALUES.map((r) => (
                    <option key={r} value={r}>
                      {t(`helpdesk.roles.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <button type="submit" disabled={isSubmitting} className="mt-4 rounded bg-brand-700 px-4 py-2 font-medium text-white">
              {t("admin.create")}
            </button>
            <p role="status" className="mt-2 text-sm">
              {created
                ? created.pending
                  ? t("admin.createdPending", { username: created.username, role: t(`helpdesk.roles.${created.role}`) })
                  : t("admin.created", { username: created.username })
                : ""}
            </p>
          </form>
        </section>
        <section aria-labelledby="import-people">
          <h2 id="import-people" className="text-lg font-semibold">
            {t("admin.importTitle")}
          </h2>
          <p className="text-sm text-slate-700">{t("admin.importIntro")}</p>
          <label htmlFor="import-file" className="mt-3 block font-medium">
            {t("admin.importFile")}
          </label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={async (e) => changeCsv((await e.target.files?.[0]?.text()) ?? "")} className="mt-1 block text-sm" />
          <label htmlFor="import-text" className="mt-3 block font-medium">
            {t("admin.importText")}
          </label>
          <textarea
            id="import-text"
            rows={6}
            value={csv}
            onChange={(e) => changeCsv(e.target.value)}
            className="mt-1 block w-full rounded border border-slate-400 px-2 py-1 font-mono text-sm"
          />
          <div className="mt-3 flex gap-3">
            <button type="button" onClick={() => importCsv(true)} disabled={!csv} className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-900">
              {t("admin.dryRun")}
            </button>
            <button
              type="button"
              onClick={() => importCsv(false)}
              disabled={!report || report.problems.length > 0 || report.created > 0}
              className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white disabled:opacity-50"
            >
              {t("admin.importNow")}
            </button>
          </div>
          {report ? (
            <div role="status" className="mt-3 text-sm" data-testid="import-report">
              <p>
                {report.created > 0
                  ? t("admin.importDone", { created: report.created })
                  : t("admin.importSummary", { rows: report.rows, valid: report.valid, problems: report.problems.length })}
              </p>
              <ul className="mt-1 list-disc pl-6">
                {report.problems.map((p, i) => (
                  <li key={i}>{t("admin.importProblem", { line: p.line, field: p.field, problem: describeProblem(p.problem) })}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
