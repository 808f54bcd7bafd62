import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { formatTime } from "@/server/diagnosis/describe";
import { ERROR_CODES } from "@/server/core/errors";
import type { CheckResult } from "@/server/troubleshooting/checks";
import { type ActionId, stepLinks, type Wizard, type WizardStep } from "@/server/troubleshooting/wizards";
import { ClockCheck } from "./ClockCheck";
import { explanationKeys } from "../_methods/registry";
import { errorPageHref } from "../_lib/error-page";
import { DiagnosisView } from "./DiagnosisView";
import { MethodLabel } from "./MethodLabel";
import { SecureLostPhone } from "./SecureLostPhone";

/**
 * One wizard step: its text, the person's real state (checks), the actions it offers, and its
 * choices as a plain form (works without JavaScript). Every value shown is rendered as text.
 */
export async function WizardStepView(props: {
  wizard: Wizard;
  step: WizardStep;
  checks: CheckResult[];
  locale: "nl" | "en";
  /** Where the choice is posted, and the hidden fields that go with it. */
  action: string;
  hidden: Record<string, string>;
  /** Where "sign in another way" should bring the person back to. */
  returnTo: string | null;
  correlationId: string | null;
  errorCode: string | null;
}) {
  const { wizard, step, checks, locale } = props;
  const t = await getTranslations("wizards");
  const base = `${wizard.id}.steps.${step.id}`;
  const points = t.has(`${base}.points`) ? Object.keys(t.raw(`${base}.points`) as Record<string, string>) : [];
  const headingId = `step-${step.id}`;
  const links = stepLinks(step).flatMap((link) => {
    // A method's page has its own text and test ID (action-<key>); a fixed action is its own key.
    const href = "page" in link ? link.page.href : actionHref(link.action, props);
    return href ? [{ key: "page" in link ? link.page.actionKey : link.action, href }] : [];
  });
  return (
    <section aria-labelledby={headingId} data-testid="wizard-step" data-step={step.id}>
      <h2 id={headingId} className="text-xl font-semibold">
        {t(`${base}.title`)}
      </h2>
      <p className="mt-2">{t(`${base}.body`)}</p>
      {points.length > 0 ? (
        <ul className="mt-3 list-disc space-y-1 pl-6">
          {points.map((p) => (
            <li key={p}>{t(`${base}.points.${p}`)}</li>
          ))}
        </ul>
      ) : null}

      {checks.map((check) => (
        <div key={check.check} className="mt-4 rounded border border-slate-200 bg-white p-4" data-testid={`check-${check.check}`}>
          <CheckView check={check} locale={locale} />
        </div>
      ))}

      {step.actions?.length ? (
        <ul className="mt-4 space-y-2">
          {links.map(({ key, href }) => (
            <li key={key}>
              <Link href={href} className="font-medium underline" data-testid={`action-${key}`}>
                {t(`actions.${key}`)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}

      <form method="post" action={props.action} className="mt-6 flex flex-wrap gap-3">
        {Object.entries(props.hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="step" value={step.id} />
        {step.choices.map((choice) => (
          <button
            key={choice.id}
            type="submit"
            name="choice"
            value={choice.id}
            className="rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-900 hover:bg-brand-50"
          >
            {t(`${base}.choices.${choice.id}`)}
          </button>
        ))}
      </form>
    </section>
  );
}

function actionHref(action: ActionId, props: { returnTo: string | null; correlationId: string | null; errorCode: string | null }): string | null {
  switch (action) {
    case "back_to_sign_in":
      // The sign-in in this browser, if it is still open: ask for a new code there (within the limits).
      return "/sign-in/verify";
    case "sign_in_another_way":
      return props.returnTo ? `/sign-in?return=${encodeURIComponent(props.returnTo)}` : "/sign-in";
    case "security_info":
      return "/security-info";
    case "lost_phone_wizard":
      return "/help/wizards/lost-phone";
    case "what_happened":
      return props.correlationId ? `/help/sign-ins/${props.correlationId}` : null;
    case "error_page":
      return props.errorCode ? errorPageHref(props.errorCode, props.correlationId) : null;
  }
}

async function CheckView({ check, locale }: { check: CheckResult; locale: "nl" | "en" }) {
  const t = await getTranslations("wizards.checks");
  const dt = await getTranslations("diagnosis");
  const time = (iso: string) => formatTime(iso, locale);
  switch (check.check) {
    case "diagnosis":
      return check.diagnosis ? <DiagnosisView diagnosis={check.diagnosis} locale={locale} headingLevel={3} /> : <p>{t("noDiagnosis")}</p>;
    case "methods":
    case "lost_phone_methods":
      if (!check.signedIn) return <p>{t("signInToSeeMethods")}</p>;
      if (check.check === "lost_phone_methods") {
        return <SecureLostPhone methods={check.methods} />;
      }
      return (
        <>
          <h3 className="font-semibold">{t("methodsTitle")}</h3>
          {check.methods.length === 0 ? <p className="mt-1">{t("noMethods")}</p> : null}
          <ul className="mt-1 list-disc pl-6">
            {check.methods.map((m) => (
              <li key={m.id}>
                <MethodLabel method={m} />
              </li>
            ))}
          </ul>
        </>
      );
    case "delivery":
      return (
        <>
          <h3 className="font-semibold">{t("deliveryTitle")}</h3>
          {check.deliveries.length === 0 ? (
            <p className="mt-1">{t("noDeliveries")}</p>
          ) : (
            <ul className="mt-1 list-disc pl-6">
              {check.deliveries.map((d, i) => (
                <li key={i}>
                  {t("deliveryLine", { time: time(d.at), channel: d.channel, status: dt.has(`deliveryStatus.${d.status}`) ? dt(`deliveryStatus.${d.status}`) : d.status })}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm">{t("newestOnly")}</p>
        </>
      );
    case "senders":
      return (
        <>
          <h3 className="font-semibold">{t("sendersTitle")}</h3>
          <p className="mt-1">{t("sendersIntro")}</p>
          <ul className="mt-1 list-disc pl-6" data-testid="senders">
            {check.sms.map((s) => (
              <li key={`sms-${s}`}>{t("senderSms", { sender: s })}</li>
            ))}
            {check.voice.map((s) => (
              <li key={`voice-${s}`}>{t("senderVoice", { sender: s })}</li>
            ))}
          </ul>
          <p className="mt-2 text-sm">{t("sendLimits")}</p>
        </>
      );
    case "clock":
      return <ClockCheck serverTime={check.serverTime} />;
    case "not_prompted":
      return (
        <p data-testid="not-prompted-reason" data-reason={check.reason}>
          {check.reason === "session_still_valid"
            ? t("notPrompted.session_still_valid", { signedInAt: time(check.signedInAt), method: check.method, validUntil: time(check.validUntil) })
            : t(`notPrompted.${check.reason}`)}
        </p>
      );
    case "policy":
      return <p>{check.requireTwoStep === null ? t("policyUnknown") : check.requireTwoStep ? t("policyRequired") : t("policyOptional")}</p>;
    case "error_code": {
      if (!check.code) return <AllErrorCodes />;
      // Worded for the way the refusal happened on (a wrong text code is not the app's), else the catalog's.
      const keys = explanationKeys(check.channel, check.code);
      const all = await getTranslations();
      return (
        <>
          <h3 className="font-semibold">
            {all(keys.title)} <span className="font-mono text-sm">{check.code}</span>
          </h3>
          <p className="mt-1" data-testid="error-cause">
            {all(keys.cause)}
          </p>
          <p className="mt-1" data-testid="error-fix">
            {all(keys.fix)}
          </p>
        </>
      );
    }
    case "countries":
      return <p>{check.allowed ? t("countries", { list: check.allowed.map((c) => `+${c}`).join(", ") }) : t("countriesUnknown")}</p>;
  }
}

/** No code to explain: every code, each leading to its own page. */
async function AllErrorCodes() {
  const t = await getTranslations("wizards.checks");
  const errors = await getTranslations("errors");
  return (
    <>
      <p>{t("noErrorCode")}</p>
      <ul className="mt-2 space-y-1" data-testid="all-error-codes">
        {ERROR_CODES.map((code) => (
          <li key={code}>
            <Link href={`/help/errors/${code}`} className="underline">
              {errors(`${code}.title`)}
            </Link>{" "}
            <span className="font-mono text-xs">{code}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
