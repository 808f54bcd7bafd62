import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { simulatedChannelOn, simulatedMessages, simulatedRecipients } from "@/server/delivery/simulated-inbox";
import { simulatedCalls } from "@/server/verification/methods/phone/simulated-calls";
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
  const numbers = [...new Set([...(await simulatedRecipients("sms")), ...(await simulatedRecipients("voice"))])].sort();
  const chosen = number && numbers.includes(number) ? number : undefined;
  const texts = chosen ? await simulatedMessages({ channel: "sms", recipient: chosen }) : [];
  const calls = chosen ? await simulatedCalls(chosen) : [];
  const button = "rounded px-4 py-2 font-semibold";
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
        <section aria-labelledby="calls-heading" className="mx-auto mt-6 max-w-sm rounded-2xl border-4 border-slate-800 bg-white p-4" data-testid="calls">
          <h2 id="calls-heading" className="font-semibold">
            {t("calls", { number: chosen })}
          </h2>
          <p className="mt-1">
            <a href={`/${locale}/phone?number=${encodeURIComponent(chosen)}`} className="text-sm underline">
              {t("refresh")}
            </a>
          </p>
          {calls.length === 0 ? <p className="mt-2">{t("noCalls")}</p> : null}
          <ul className="mt-3 space-y-3">
            {calls.map((call) => (
              <li key={call.messageId} className="rounded-lg bg-slate-100 p-3" data-testid="call" data-state={call.state}>
                <p className="font-medium">{t("incomingCall")}</p>
                <p className="text-sm">{call.state === "spoken" ? t("spokenCall") : t(`callStates.${call.state}`)}</p>
                {/* What the call says: once answered, or at once for a call that only speaks (a helpdesk code). */}
                {call.state === "answered" || call.state === "spoken" ? (
                  <p className="mt-2 whitespace-pre-wrap text-sm italic" data-testid="call-speaks">
                    {call.body}
                  </p>
                ) : null}
                <form method="post" action={`/api/phone/calls/${call.messageId}`} className="mt-2 flex flex-wrap gap-2">
                  <input type="hidden" name="locale" value={locale} />
                  <input type="hidden" name="number" value={chosen} />
                  {call.state === "ringing" ? (
                    <>
                      <button type="submit" name="action" value="answer" className={`${button} bg-green-700 text-white`}>
                        {t("answer")}
                      </button>
                      <button type="submit" name="action" value="decline" className={`${button} bg-red-700 text-white`}>
                        {t("decline")}
                      </button>
                    </>
                  ) : null}
                  {call.state === "answered" ? (
                    <fieldset className="flex flex-wrap items-end gap-2">
                      <legend className="mb-1 text-sm font-medium">{t("keypad")}</legend>
                      <div className="w-full">
                        <label htmlFor={`digits-${call.messageId}`} className="block text-sm font-medium">
                          {t("digitsLabel")}
                        </label>
                        <input
                          id={`digits-${call.messageId}`}
                          name="digits"
                          inputMode="numeric"
                          pattern="[0-9]{0,8}"
                          maxLength={8}
                          autoComplete="off"
                          aria-describedby={`digits-hint-${call.messageId}`}
                          className="mt-1 w-32 rounded border border-slate-500 px-3 py-2 text-lg tracking-widest"
                        />
                        <p id={`digits-hint-${call.messageId}`} className="mt-1 text-xs text-slate-700">
                          {t("digitsHint")}
                        </p>
                      </div>
                      <button type="submit" name="action" value="hash" className={`${button} bg-slate-800 text-white`}>
                        {t("pressHash")}
                      </button>
                      <button type="submit" name="action" value="zero-hash" className={`${button} border border-slate-800 bg-white`}>
                        {t("pressZeroHash")}
                      </button>
                    </fieldset>
                  ) : null}
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
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
