import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { describeFinding, formatTime } from "@/server/diagnosis/describe";
import type { Diagnosis } from "@/server/diagnosis/explain";

/**
 * One sign-in explained: the outcome, the cause and the fix, the steps, and the delivery of codes
 * and calls. The helpdesk view adds addresses, browsers and provider answers. Server-rendered;
 * every value is rendered as text.
 */
export async function DiagnosisView({ diagnosis, locale, headingLevel = 2 }: { diagnosis: Diagnosis; locale: "nl" | "en"; headingLevel?: 2 | 3 }) {
  const t = await getTranslations("diagnosis");
  const H = headingLevel === 2 ? "h2" : "h3";
  const words = diagnosis.finding ? describeFinding(diagnosis.finding, locale) : null;
  const time = (iso: string) => formatTime(iso, locale);
  const helpdesk = diagnosis.view === "helpdesk";
  return (
    <div data-testid="diagnosis" data-finding={diagnosis.finding?.finding ?? ""}>
      <p className="font-medium" data-testid="diagnosis-outcome">
        {t(`outcome.${diagnosis.outcome}`)}
        {diagnosis.startedAt ? <span className="ml-2 font-normal text-slate-600">{t("startedAt", { time: time(diagnosis.startedAt) })}</span> : null}
      </p>
      {words ? (
        <section className="mt-4 rounded border border-amber-300 bg-amber-50 p-4" data-testid="diagnosis-finding">
          <H className="font-semibold">
            {t("findingTitle")}: {words.title}
          </H>
          <p className="mt-1">{words.what}</p>
          <H className="mt-3 font-semibold">{t("fixTitle")}</H>
          <p className="mt-1">{words.fix}</p>
          {diagnosis.finding && !helpdesk ? (
            <p className="mt-3">
              <Link href={`/help/wizards/${diagnosis.finding.wizard}${diagnosis.correlationId ? `?cid=${diagnosis.correlationId}` : ""}`} className="font-medium underline">
                {t("openWizard")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
      {diagnosis.lockedUntil ? <p className="mt-3">{t("lockedUntil", { time: time(diagnosis.lockedUntil) })}</p> : null}
      {diagnosis.clockOffsetSeconds !== null ? <p className="mt-3">{t("clockOffset", { seconds: diagnosis.clockOffsetSeconds })}</p> : null}
      {diagnosis.steps.length > 0 ? (
        <>
          <H className="mt-6 font-semibold">{t("stepsTitle")}</H>
          <ol className="mt-2 space-y-2" data-testid="diagnosis-steps">
            {diagnosis.steps.map((step, index) => (
              <li key={index} className="rounded border border-slate-200 bg-white p-2 text-sm">
                <span className="font-mono">{time(step.at)}</span> · {t(`steps.${step.step}`)}
                {step.method ? ` (${step.method})` : ""} · {t(`results.${step.result}`)}
                {step.code ? <span className="ml-2 font-mono">{step.code}</span> : null}
                {helpdesk ? (
                  <span className="mt-1 block break-all font-mono text-xs text-slate-600">
                    {[step.clientIp, step.userAgent, step.serverInstance, Object.keys(step.facts).length ? JSON.stringify(step.facts) : null].filter(Boolean).join(" · ")}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {diagnosis.deliveries.length > 0 ? (
        <>
          <H className="mt-6 font-semibold">{t("deliveriesTitle")}</H>
          <ul className="mt-2 space-y-1 text-sm" data-testid="diagnosis-deliveries">
            {diagnosis.deliveries.map((d, index) => (
              <li key={index}>
                <span className="font-mono">{time(d.at)}</span> · {d.channel} · {t.has(`deliveryStatus.${d.status}`) ? t(`deliveryStatus.${d.status}`) : d.status}
                {helpdesk && d.provider ? (
                  <span className="font-mono">
                    {" "}
                    · {d.provider}
                    {d.error ? ` · ${d.error}` : ""}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
