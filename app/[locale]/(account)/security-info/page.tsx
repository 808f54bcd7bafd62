import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { listActiveSessions } from "@/server/auth/sessions";
import { listMethods, listSignInOptions, recentlyRemovedMethod } from "@/server/methods/manage-methods";
import { nudgeParams, readinessFix, recoveryReadiness } from "@/server/methods/recovery-readiness";
import { recentSignIns } from "@/server/sign-in-log/recent-sign-ins";
import { methodPages } from "@/server/verification/methods/registry";
import { MethodLabel } from "../../../_components/MethodLabel";
import { requirePageSession } from "../../../_lib/page-session";
import { ActiveSessions } from "./ActiveSessions";
import { DefaultMethod } from "./DefaultMethod";
import { RemoveMethod } from "./RemoveMethod";
import { RenameMethod } from "./RenameMethod";
import { titleFrom } from "../../../_lib/metadata";

export const generateMetadata = titleFrom("securityInfo");

const uuidLike = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export default async function SecurityInfoPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ notice?: string; method?: string; removed?: string }>;
}) {
  const { locale } = await params;
  const { notice, method, removed } = await searchParams;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("securityInfo");
  const format = await getFormatter();
  const [active, methods, signIns, options, nudges] = await Promise.all([
    listActiveSessions(session),
    listMethods(session),
    recentSignIns(session.person.id),
    listSignInOptions(session),
    recoveryReadiness(session),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  // After adding or removing: name the method (only the person's own, looked up here, never text from the address).
  const added = notice === "method-added" && method ? (methods.find((m) => m.id === method) ?? null) : null;
  const removedMethod = removed && uuidLike(removed) ? await recentlyRemovedMethod(session, removed) : null;

  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1" data-testid="signed-in-as">
        {t("signedInAs", { name: session.person.displayName, username: session.person.username })}
      </p>

      {session.person.role !== "person" ? (
        <p className="mt-2">
          <Link href="/helpdesk" className="underline" data-testid="helpdesk-queue-link">
            {t("helpdeskQueue")}
          </Link>
        </p>
      ) : null}
      {session.person.role === "admin" ? (
        <p className="mt-2">
          <Link href="/admin/people" className="underline" data-testid="admin-people-link">
            {t("adminPeople")}
          </Link>{" "}
          ·{" "}
          <Link href="/admin/audit" className="underline" data-testid="admin-audit-link">
            {t("adminAudit")}
          </Link>
        </p>
      ) : null}
      {notice === "method-added" ? (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3" data-testid="security-info-notice">
          {added ? t.rich("methodAddedNamed", { method: () => <MethodLabel method={added} /> }) : t("methodAdded")}
        </p>
      ) : null}
      {removedMethod ? (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3" data-testid="method-removed-notice">
          {t.rich("methodRemovedNamed", { method: () => <MethodLabel method={removedMethod} /> })}
        </p>
      ) : null}
      {nudges.length > 0 ? (
        <section aria-labelledby="readiness-heading" className="mt-6 rounded border border-amber-300 bg-amber-50 p-4" data-testid="recovery-readiness">
          <h2 id="readiness-heading" className="font-semibold">
            {t("readiness.title")}
          </h2>
          <ul className="mt-2 space-y-2">
            {nudges.map((n) => (
              <li key={n.nudge + ("methodId" in n ? n.methodId : "")} data-nudge={n.nudge}>
                {t(`readiness.${n.nudge}`, nudgeParams(n))}{" "}
                <Link href={readinessFix(n)} className="font-medium underline">
                  {t(`readiness.fix_${n.nudge}`)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="methods-heading" className="mt-8">
        <h2 id="methods-heading" className="text-xl font-semibold">
          {t("methodsTitle")}
        </h2>
        {methods.length === 0 ? <p className="mt-2">{t("noMethods")}</p> : null}
        <ul className="mt-3 space-y-3" data-testid="methods">
          {methods.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 rounded border border-slate-200 bg-white p-3" data-testid="method" data-method-id={m.id}>
              <div>
                <p className="font-medium">
                  <MethodLabel method={m} />
                </p>
                <p className="text-sm text-slate-600">
                  {m.addedAt ? t("addedOn", { date: when(m.addedAt) }) : null}
                  {" · "}
                  {m.lastUsedAt ? t("lastUsed", { date: when(m.lastUsedAt) }) : t("neverUsed")}
                </p>
                <div className="mt-1">
                  <RenameMethod methodId={m.id} nickname={m.nickname} />
                </div>
              </div>
              {m.managedBy === "admin" ? (
                <p className="text-sm text-slate-700">{t("managedByAdmin")}</p>
              ) : (
                <div className="flex flex-wrap items-center gap-3">
                  {m.kind === "phone" && (m.labelKey === "mobile" || m.labelKey === "alternate") ? (
                    <Link href={`/security-info/phone?replace=${m.id}&role=${m.labelKey}`} className="text-sm underline">
                      {t("changeNumber")}
                    </Link>
                  ) : null}
                  <RemoveMethod method={m} />
                </div>
              )}
            </li>
          ))}
        </ul>
        {/* Each method's own page, from the registry: the first (strongest) way is the one suggested. */}
        <p className="mt-4 flex flex-wrap gap-3">
          {methodPages().map((page, i) => (
            <Link
              key={page.kind}
              href={page.href}
              className={
                i === 0
                  ? "inline-block rounded bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
                  : "inline-block rounded border border-brand-600 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50"
              }
              data-testid={`method-page-${page.kind}`}
            >
              {t(page.linkKey)}
            </Link>
          ))}
        </p>
      </section>

      {options.length > 1 ? (
        <section aria-labelledby="default-heading" className="mt-8">
          <h2 id="default-heading" className="text-xl font-semibold">
            {t("defaultTitle")}
          </h2>
          <DefaultMethod options={options} />
        </section>
      ) : null}

      <section aria-labelledby="recent-heading" className="mt-8">
        <h2 id="recent-heading" className="text-xl font-semibold">
          {t("recentTitle")}
        </h2>
        <p className="mt-1 text-slate-700">{t("recentIntro")}</p>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm" data-testid="recent-sign-ins">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-3">
                  {t("when")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("outcome")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("address")}
                </th>
                <th scope="col" className="py-2">
                  {t("correlationId")}
                </th>
              </tr>
            </thead>
            <tbody>
              {signIns.map((s) => (
                <tr key={s.correlationId} className="border-b border-slate-200 align-top">
                  <td className="py-2 pr-3">{when(s.startedAt)}</td>
                  <td className="py-2 pr-3">
                    {t(`outcomes.${s.outcome}`)}
                    {s.code ? (
                      <>
                        {" · "}
                        <Link href={`/help/errors/${s.code}`} className="font-mono underline">
                          {s.code}
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3">{s.clientIp ?? "—"}</td>
                  <td className="py-2 font-mono text-xs">{s.correlationId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <ActiveSessions sessions={active} />

      <section className="mt-8 flex flex-wrap items-start gap-4">
        <form method="post" action="/api/session/sign-out">
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="rounded border border-slate-500 bg-white px-4 py-2 font-medium hover:bg-slate-100">
            {t("signOut")}
          </button>
        </form>
        <form method="post" action="/api/session/sign-out-everywhere">
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" aria-describedby="sign-out-everywhere-hint" className="rounded border border-red-800 bg-white px-4 py-2 font-medium text-red-900 hover:bg-red-50">
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
