import type { ErrorParams } from "../core/errors";
import { DISPLAY_TIME_ZONE, translate, type AppLocale } from "../i18n/translate";
import type { Finding } from "./explain";
import type { FindingParam } from "./rules";

export { DISPLAY_TIME_ZONE };

export function formatTime(iso: string, locale: AppLocale, timeZone = DISPLAY_TIME_ZONE): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone }).format(new Date(iso));
}

function render(params: Record<string, FindingParam>, locale: AppLocale): ErrorParams {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === "object" ? (value.time ? formatTime(value.time, locale) : "?") : value]));
}

/**
 * A finding in words: what happened and what to do (diagnosis.findings.<finding>.what/.fix),
 * with its times in the organisation's zone. The one renderer for pages, tickets and tests.
 */
export function describeFinding(finding: Finding, locale: AppLocale): { title: string; what: string; fix: string } {
  const params = render(finding.params, locale);
  if (finding.finding === "other" && finding.code) {
    return {
      title: translate(locale, `errors.${finding.code}.title`),
      what: translate(locale, `errors.${finding.code}.cause`),
      fix: translate(locale, `errors.${finding.code}.fix`),
    };
  }
  return {
    title: translate(locale, `diagnosis.findings.${finding.finding}.title`, params),
    what: translate(locale, `diagnosis.findings.${finding.finding}.what`, params),
    fix: translate(locale, `diagnosis.findings.${finding.finding}.fix`, params),
  };
}
