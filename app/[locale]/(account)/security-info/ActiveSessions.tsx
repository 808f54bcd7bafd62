import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { SessionListItem } from "@/server/auth/sessions";

/**
 * "Where you are signed in": one item per active session, with how the person signed in (the
 * methods recorded on the session, e.g. "Password + text message") and when.
 */
export async function ActiveSessions({ sessions }: { sessions: SessionListItem[] }) {
  const t = await getTranslations("securityInfo");
  const format = await getFormatter();
  const locale = await getLocale();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const methodsOf = (s: SessionListItem) => {
    if (s.methods.length === 0) return t("sessionMethods.notRecorded");
    const joined = s.methods.map((m) => t(`sessionMethods.${m}`)).join(" + ");
    return joined.charAt(0).toLocaleUpperCase(locale) + joined.slice(1);
  };

  return (
    <section aria-labelledby="sessions-heading" className="mt-8">
      <h2 id="sessions-heading" className="text-xl font-semibold">
        {t("sessionsTitle")}
      </h2>
      <p className="mt-1 text-slate-700">{t("sessionsIntro")}</p>
      <ul className="mt-4 space-y-3">
        {sessions.map((s) => (
          <li key={`${s.displayId}-${s.createdAt.toISOString()}`} className="rounded border border-slate-200 bg-white p-3">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="font-medium">{t("sessionId")}</dt>
              <dd className="font-mono">
                {s.displayId} {s.current ? <strong className="ml-2 font-sans">({t("thisSession")})</strong> : null}
              </dd>
              <dt className="font-medium">{t("signedInWith")}</dt>
              <dd data-testid="session-methods" data-amr={s.amr.join(" ")}>
                {methodsOf(s)}
              </dd>
              <dt className="font-medium">{t("signedInAt")}</dt>
              <dd>{when(s.authTime ?? s.createdAt)}</dd>
              <dt className="font-medium">{t("lastActive")}</dt>
              <dd>{when(s.lastSeenAt)}</dd>
              <dt className="font-medium">{t("device")}</dt>
              <dd className="break-words">{s.userAgent ?? "—"}</dd>
              <dt className="font-medium">{t("address")}</dt>
              <dd>{s.clientIp ?? "—"}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
