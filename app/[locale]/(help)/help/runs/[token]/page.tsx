import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { optionalSession } from "@/server/auth/require-session";
import { now } from "@/server/core/clock";
import { isAppError } from "@/server/core/errors";
import { runChecks } from "@/server/troubleshooting/checks";
import { openRun, TICKET_STEP } from "@/server/troubleshooting/wizard-runs";
import type { WizardId } from "@/server/troubleshooting/wizard-ids";
import { WIZARDS, wizardStep } from "@/server/troubleshooting/wizards";
import { PrefilledDetails } from "../../../../../_components/PrefilledDetails";
import { TicketForm } from "../../../../../_components/TicketForm";
import { WizardStepView } from "../../../../../_components/WizardStepView";
import { titleFrom } from "../../../../../_lib/metadata";

export const generateMetadata = titleFrom("wizards");

/** A wizard run, resumed by its private link: the current step, the ticket form, or the end. */
export default async function WizardRunPage({ params }: { params: Promise<{ locale: "nl" | "en"; token: string }> }) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("wizards");
  const cookieHeader = (await headers()).get("cookie");
  const session = await optionalSession(cookieHeader);
  const run = /^[A-Za-z0-9_-]{20,100}$/.test(token)
    ? await openRun(token, session?.person.id ?? null).catch((error: unknown) => {
        if (isAppError(error)) return null;
        throw error;
      })
    : null;
  if (!run) {
    return (
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-2" data-testid="run-not-found">
          {t("runNotFound")}
        </p>
        <p className="mt-4">
          <Link href="/help" className="underline">
            {t("backToHelp")}
          </Link>
        </p>
      </div>
    );
  }
  const wizard = WIZARDS[run.wizard as WizardId];
  const path = `/help/runs/${token}`;
  const step = wizardStep(wizard, run.step);
  const checks = step && !run.finishedAt ? await runChecks(step.checks ?? [], { session, cookieHeader, prefill: run.prefill }) : [];
  return (
    <div>
      <p className="text-sm text-slate-600">{t("label")}</p>
      <h1 className="text-2xl font-bold">{t(`${wizard.id}.title`)}</h1>
      <PrefilledDetails prefill={run.prefill} />
      <div className="mt-6">
        {run.outcome === "resolved" ? (
          <section role="status" className="rounded border border-green-300 bg-green-50 p-4" data-testid="wizard-resolved">
            <h2 className="font-semibold">{t("resolvedTitle")}</h2>
            <p className="mt-1">{t("resolvedBody")}</p>
          </section>
        ) : run.outcome === "ticket" ? (
          <p role="status" data-testid="wizard-ticket-filed">
            {t("ticketFiled")}
          </p>
        ) : run.step === TICKET_STEP ? (
          <section aria-labelledby="ticket-heading">
            <h2 id="ticket-heading" className="text-xl font-semibold">
              {t("ticketTitle")}
            </h2>
            <p className="mt-1">{t("ticketIntro")}</p>
            <TicketForm locale={locale} signedIn={session !== null} category={wizard.category} wizardRunToken={token} prefill={run.prefill} serverTime={now().toISOString()} />
          </section>
        ) : step ? (
          <WizardStepView
            wizard={wizard}
            step={step}
            checks={checks}
            locale={locale}
            action={`/api/help/runs/${token}`}
            hidden={{ locale }}
            returnTo={path}
            correlationId={run.prefill.correlationId ?? null}
            errorCode={run.prefill.errorCode ?? null}
          />
        ) : null}
      </div>
      <p className="mt-8 text-sm text-slate-600">{t("resumeHint")}</p>
      <p className="mt-2">
        <Link href="/help" className="underline">
          {t("backToHelp")}
        </Link>
      </p>
    </div>
  );
}
