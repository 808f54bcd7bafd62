import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { simulatedChannelOn, simulatedMessages, simulatedRecipients } from "@/server/delivery/simulated-inbox";
import { titleFrom } from "../../_lib/metadata";

export const generateMetadata = titleFrom("phone");

/** The simulated phone (demo only): texts per number, as a phone would show them. No script. */
export default async function PhonePage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<{ number?: string }> }) {
  const { locale } = await params;
  const { number } = await searchParams;
  setRequestLocale(locale);
  if (!simulatedChannelOn("sms")) notFound();
  const t = await getTranslations("phone");
  const format = await getFormatter();
  const numbers = await simulatedRecipients("sms");
  const chosen = number && numbers.includes(number) ? number : undefined;
  const texts = chosen ? await simulatedMessages({ channel: "sms", recipient: chosen }) : [];
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-slate-700">{t("intro")}</p>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="number" className="block font-medium">
            {t("choose")}
          </label>
          <select id="number" name="number" defaultValue={chosen ?? ""} className="mt-1 rounded border border-slate-400 bg-white px-3 py-2">
            <option value="">—</option>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded border border-slate-500 bg-white px-4 py-2 font-medium hover:bg-slate-100">
          {t("open")}
        </button>
      </form>
      {chosen ? (
        <section aria-labelledby="inbox-heading" className="mx-auto mt-6 max-w-sm rounded-2xl border-4 border-slate-800 bg-white p-4">
          <h2 id="inbox-heading" className="font-semibold">
            {t("inbox", { number: chosen })}
          </h2>
          {texts.length === 0 ? <p className="mt-2">{t("empty")}</p> : null}
          <ul className="mt-3 space-y-3" data-testid="texts">
            {texts.map((text) => (
              <li key={text.id} className="rounded-lg bg-slate-100 p-3">
                <p className="whitespace-pre-wrap" data-testid="text-body">
                  {text.body}
                </p>
                <p className="mt-1 text-xs text-slate-600">
                  {t("received")}: {format.dateTime(text.receivedAt, { timeStyle: "medium" })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
