import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { simulatedChannelOn, simulatedMessages, simulatedRecipients } from "@/server/delivery/simulated-inbox";
import { titleFrom } from "../../_lib/metadata";

export const generateMetadata = titleFrom("mailbox");

/** The simulated mailbox (demo only): emails as they would arrive. Plain GET form, no script. */
export default async function MailboxPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<{ to?: string }> }) {
  const { locale } = await params;
  const { to } = await searchParams;
  setRequestLocale(locale);
  if (!simulatedChannelOn("email")) notFound();
  const t = await getTranslations("mailbox");
  const format = await getFormatter();
  const recipient = to && to.length <= 320 ? to : undefined;
  const [emails, recipients] = await Promise.all([simulatedMessages({ channel: "email", recipient }), simulatedRecipients("email")]);
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-slate-700">{t("intro")}</p>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="to" className="block font-medium">
            {t("filter")}
          </label>
          <select id="to" name="to" defaultValue={recipient ?? ""} className="mt-1 rounded border border-slate-400 bg-white px-3 py-2">
            <option value="">{t("all")}</option>
            {recipients.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded border border-slate-500 bg-white px-4 py-2 font-medium hover:bg-slate-100">
          {t("show")}
        </button>
      </form>
      {emails.length === 0 ? <p className="mt-6">{t("empty")}</p> : null}
      <ul className="mt-6 space-y-4" data-testid="mailbox">
        {emails.map((email) => (
          <li key={email.id} className="rounded border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">{email.subject}</h2>
            <p className="text-sm text-slate-600">
              {t("to")}: {email.recipient} · {t("received")}: {format.dateTime(email.receivedAt, { dateStyle: "medium", timeStyle: "medium" })}
            </p>
            <p className="mt-2 whitespace-pre-wrap">{email.body}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
