import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { optionalSession } from "@/server/auth/require-session";
import { runChecks } from "@/server/troubleshooting/checks";
import { prefillFromSearch } from "@/server/troubleshooting/prefill";
import { isWizardId } from "@/server/troubleshooting/wizard-ids";
import { WIZARDS, wizardStep } from "@/server/troubleshooting/wizards";
import { PrefilledDetails } from "../../../../../_components/PrefilledDetails";
import { WizardStepView } from "../../../../../_components/WizardStepView";

type Params = Promise<{ locale: "nl" | "en"; wizard: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, wizard } = await params;
  if (!isWizardId(wizard)) return {};
  const t = await getTranslations({ locale, namespace: "wizards" });
  return { title: `${t(`${wizard}.title`)} · Tweestap` };
}

/**
 * A wizard's first step, prefilled from the Get help link. Nothing is stored until the person
 * answers: the answer starts the run (POST) and leads to its private, resumable link.
 */
export default async function WizardStartPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { locale, wizard: wizardId } = await params;
  if (!isWizardId(wizardId)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("wizards");
  const prefill = prefillFromSearch(await searchParams);
  const cookieHeader = (await headers()).get("cookie");
  const session = await optionalSession(cookieHeader);
  const wizard = WIZARDS[wizardId];
  const step = wizardStep(wizard, wizard.entry({ signedIn: session !== null }))!;
  const checks = await runChecks(step.checks ?? [], { session, cookieHeader, prefill });
  const hidden: Record<string, string> = { locale, wizard: wizard.id };
  for (const [field, value] of Object.entries(prefill)) if (value) hidden[field] = value;
  return (
    <div>
      <p className="text-sm text-slate-600">{t("label")}</p>
      <h1 className="text-2xl font-bold">{t(`${wizard.id}.title`)}</h1>
      <PrefilledDetails prefill={prefill} />
      <div className="mt-6">
        <WizardStepView
          wizard={wizard}
          step={step}
          checks={checks}
          locale={locale}
          action="/api/help/runs"
          hidden={hidden}
          returnTo={null}
          correlationId={prefill.correlationId ?? null}
          errorCode={prefill.errorCode ?? null}
        />
      </div>
    </div>
  );
}
