import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { optionalSession } from "@/server/auth/require-session";
import { ERROR_CODES, isErrorCode } from "@/server/core/errors";
import { WIZARD_IDS } from "@/server/troubleshooting/wizard-ids";
import { PasteDetails } from "../../../_components/PasteDetails";
import { titleFrom } from "../../../_lib/metadata";

export const generateMetadata = titleFrom("help");

/** Folds case and accents, so "verlopen" finds "Verlopen" and "geblokkeerd" finds "Geblokkeerd". */
function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The help hub: search, the wizards, "Paste your error details", "What happened?", tickets, every error code. */
export default async function HelpPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<{ q?: string; problem?: string }> }) {
  const { locale } = await params;
  const { q, problem } = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations();
  const session = await optionalSession((await headers()).get("cookie"));
  const query = fold((q ?? "").trim().slice(0, 100));
  const words = query.split(/\s+/).filter(Boolean);
  const matches = (...texts: string[]) => words.every((w) => fold(texts.join(" ")).includes(w));
  // Searched as written, without their {placeholders}: nothing is formatted that is not shown.
  const text = (key: string) => String(t.raw(key)).replace(/\{[^}]*\}/g, " ");
  const wizards = WIZARD_IDS.filter((id) => matches(text(`wizards.${id}.title`), text(`wizards.${id}.summary`)));
  const codes = ERROR_CODES.filter((code) => matches(code, text(`errors.${code}.title`), text(`errors.${code}.message`)));
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("help.title")}</h1>
      <p className="mt-1 text-slate-700">{t("help.intro")}</p>
      {/* A plain-form answer that could not be taken comes back here with its code (e.g. ?problem=INPUT_INVALID). */}
      {problem && isErrorCode(problem) ? (
        <div role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-3" data-testid="help-problem">
          <p className="font-medium">{text(`errors.${problem}.title`)}</p>
          <p>{text(`errors.${problem}.message`)}</p>
          <Link href={`/help/errors/${problem}`} className="underline">
            {problem}
          </Link>
        </div>
      ) : null}

      <form method="get" role="search" className="mt-6 flex flex-wrap items-end gap-2">
        <div className="grow">
          <label htmlFor="help-search" className="block font-medium">
            {t("help.searchLabel")}
          </label>
          <input id="help-search" name="q" type="search" defaultValue={q ?? ""} className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2" />
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("help.searchSubmit")}
        </button>
      </form>
      {words.length > 0 && wizards.length === 0 && codes.length === 0 ? (
        <p role="status" className="mt-3" data-testid="search-nothing">
          {t("help.searchNoResults")}
        </p>
      ) : null}

      <section aria-labelledby="wizards-heading" className="mt-8">
        <h2 id="wizards-heading" className="text-xl font-semibold">
          {t("help.wizardsTitle")}
        </h2>
        <ul className="mt-3 space-y-3" data-testid="wizard-list">
          {wizards.map((id) => (
            <li key={id}>
              <Link href={`/help/wizards/${id}`} className="font-medium underline">
                {t(`wizards.${id}.title`)}
              </Link>
              <p className="text-sm text-slate-700">{t(`wizards.${id}.summary`)}</p>
            </li>
          ))}
        </ul>
      </section>

      {words.length === 0 ? (
        <>
          <section aria-labelledby="paste-heading" className="mt-10">
            <h2 id="paste-heading" className="text-xl font-semibold">
              {t("help.pasteTitle")}
            </h2>
            <p className="mt-1 text-slate-700">{t("help.pasteIntro")}</p>
            <div className="mt-3">
              <PasteDetails />
            </div>
          </section>

          <section aria-labelledby="what-heading" className="mt-10">
            <h2 id="what-heading" className="text-xl font-semibold">
              {t("diagnosis.title")}
            </h2>
            <p className="mt-1 text-slate-700">{t("help.whatHappenedIntro")}</p>
            <p className="mt-2">
              <Link href="/help/sign-ins" className="font-medium underline">
                {t("help.whatHappenedLink")}
              </Link>
            </p>
          </section>

          <section aria-labelledby="tickets-heading" className="mt-10">
            <h2 id="tickets-heading" className="text-xl font-semibold">
              {t("help.ticketsTitle")}
            </h2>
            <p className="mt-1 text-slate-700">{t("help.ticketsIntro")}</p>
            <p className="mt-2 flex flex-wrap gap-6">
              <Link href="/tickets/new" className="font-medium underline">
                {t("help.newTicketLink")}
              </Link>
              {session ? (
                <Link href="/tickets" className="font-medium underline">
                  {t("help.myTicketsLink")}
                </Link>
              ) : null}
            </p>
          </section>
        </>
      ) : null}

      <section aria-labelledby="errors-heading" className="mt-10">
        <h2 id="errors-heading" className="text-xl font-semibold">
          {t("help.errorsTitle")}
        </h2>
        <ul className="mt-3 space-y-2">
          {codes.map((code) => (
            <li key={code}>
              <Link href={`/help/errors/${code}`} className="underline">
                {t(`errors.${code}.title`)}
              </Link>{" "}
              <span className="font-mono text-sm text-slate-600">{code}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
