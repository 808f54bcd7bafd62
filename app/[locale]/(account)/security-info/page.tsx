import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { listActiveSessions } from "@/server/auth/sessions";
import { requirePageSession } from "../../../_lib/page-session";
import { titleFrom } from "../../../_lib/metadata";

export const generateMetadata = titleFrom("securityInfo");

export default async function SecurityInfoPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("securityInfo");
  const format = await getFormatter();
  const active = await listActiveSessions(session);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });

  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1" data-testid="signed-in-as">
        {t("signedInAs", { name: session.person.displayName, username: session.person.username })}
      </p>

      <section aria-labelledby="sessions-heading" className="mt-8">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          {t("sessionsTitle")}
        </h2>
        <p className="mt-1 text-slate-700">{t("sessionsIntro")}</p>
        <ul className="mt-4 space-y-3">
          {active.map((s) => (
            <li key={`${s.displayId}-${s.createdAt.toISOString()}`} className="rounded border border-slate-200 bg-white p-3">
              <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="font-medium">{t("sessionId")}</dt>
                <dd className="font-mono">
                  {s.displayId} {s.current ? <strong className="ml-2 font-sans">({t("thisSession")})</strong> : null}
                </dd>
                <dt className="font-medium">{t("started")}</dt>
                <dd>{when(s.createdAt)}</dd>
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

      <section className="mt-8 flex flex-wrap items-start gap-4">
        <form method="post" action="/api/session/sign-out">
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="rounded border border-slate-500 bg-white px-4 py-2 font-medium hover:bg-slate-100">
            {t("signOut")}
          </button>
        </form>
        <form method="post" action="/api/session/sign-out-everywhere">
          <input type="hidden" name="locale" value={locale} />
          <button
            type="submit"
            aria-describedby="sign-out-everywhere-hint"
            className="rounded border border-red-800 bg-white px-4 py-2 font-medium text-red-900 hover:bg-red-50"
          >
            {t("signOutEverywhere")}
          </button>
          <p id="sign-out-everywhere-hint" className="mt-1 max-w-xs text-sm text-slate-600">
            {t("signOutEverywhereHint")}
          </p>
        </form>
      </section>
    </div>
  );
}
