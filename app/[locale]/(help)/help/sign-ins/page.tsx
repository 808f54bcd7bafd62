import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import { optionalSession } from "@/server/auth/require-session";
import { diagnoseInput } from "@/server/diagnosis/diagnosis.schemas";
import { recentSignIns } from "@/server/sign-in-log/recent-sign-ins";
import { titleFrom } from "../../../../_lib/metadata";

export const generateMetadata = titleFrom("diagnosis");

/** "What happened?": look a sign-in up by its correlation ID (signed in: pick one of your own). */
export default async function SignInLookupPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<{ cid?: string }> }) {
  const { locale } = await params;
  const { cid } = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations("diagnosis");
  const parsed = cid ? diagnoseInput.safeParse({ correlationId: cid.trim() }) : null;
  if (parsed?.success) redirect(`/${locale}/help/sign-ins/${parsed.data.correlationId}`);
  const session = await optionalSession((await headers()).get("cookie"));
  const mine = session ? await recentSignIns(session.person.id, 10) : [];
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-slate-700">{t("intro")}</p>
      <form method="get" className="mt-6" noValidate>
        <label htmlFor="cid" className="block font-medium">
          {t("lookupLabel")}
        </label>
        <p id="cid-hint" className="text-sm text-slate-600">
          {t("lookupHint")}
        </p>
        <input
          id="cid"
          name="cid"
          defaultValue={cid ?? ""}
          aria-describedby={parsed && !parsed.success ? "cid-hint cid-error" : "cid-hint"}
          aria-invalid={parsed && !parsed.success ? true : undefined}
          className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono"
          autoComplete="off"
          spellCheck={false}
        />
        {parsed && !parsed.success ? (
          <p id="cid-error" className="mt-1 text-sm text-red-800">
            {t("lookupInvalid")}
          </p>
        ) : null}
        <button type="submit" className="mt-3 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("lookupSubmit")}
        </button>
      </form>
      {mine.length > 0 ? (
        <section className="mt-8" aria-labelledby="mine-heading">
          <h2 id="mine-heading" className="text-xl font-semibold">
            {t("yourSignIns")}
          </h2>
          <ul className="mt-2 space-y-1">
            {mine.map((s) => (
              <li key={s.correlationId}>
                <Link href={`/help/sign-ins/${s.correlationId}`} className="font-mono text-sm underline">
                  {s.correlationId}
                </Link>{" "}
                <span className="text-sm">{t(`outcome.${s.outcome === "signed_in" ? "signed_in" : s.outcome === "failed" ? "failed" : "in_progress"}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
