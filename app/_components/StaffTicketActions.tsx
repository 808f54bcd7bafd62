"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { TICKET_STATUSES, type TicketStatus } from "@/server/tickets/ticket-values";
import { toErrorDetails, type ErrorDetails } from "../_lib/error-details";
import { trpcClient } from "../_lib/trpc";
import { ErrorPanel } from "./ErrorPanel";

/** The helpdesk's reply (public, or an internal note) and status change on one ticket. */
export function StaffTicketActions({ reference, status, canned }: { reference: string; status: TicketStatus; canned: Array<{ id: string; title: string; body: string }> }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [nextStatus, setNextStatus] = useState<TicketStatus>(status);
  const [into, setInto] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await action();
      setNotice(done);
      router.refresh();
    } catch (error) {
      setFailure(toErrorDetails(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="staff-actions-heading" className="mt-8 rounded border border-slate-200 bg-white p-4" data-testid="staff-actions">
      <h2 id="staff-actions-heading" className="text-xl font-semibold">
        {t("helpdesk.actionsTitle")}
      </h2>
      {failure ? (
        <div className="mt-3">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      <form
        className="mt-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) void run(() => trpcClient(locale).tickets.staffReply.mutate({ reference, body, internal }).then(() => setBody("")), t("helpdesk.replySent"));
        }}
      >
        <label htmlFor="staff-canned" className="block text-sm font-medium">
          {t("helpdesk.cannedLabel")}
        </label>
        <select
          id="staff-canned"
          value=""
          onChange={(e) => {
            const chosen = canned.find((c) => c.id === e.target.value);
            if (chosen) setBody((current) => (current.trim() ? `${current.trim()}\n\n${chosen.body}` : chosen.body));
          }}
          className="mt-1 mb-3 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">{t("helpdesk.cannedNone")}</option>
          {canned.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
        <label htmlFor="staff-reply" className="block font-medium">
          {t("helpdesk.replyLabel")}
        </label>
        <textarea id="staff-reply" rows={4} value={body} onChange={(e) => setBody(e.target.value)} className="mt-1 block w-full rounded border border-slate-400 px-3 py-2" />
        <div className="mt-2 flex items-center gap-2">
          <input id="staff-internal" type="checkbox" className="h-5 w-5" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
          <label htmlFor="staff-internal">{t("helpdesk.internalNote")}</label>
        </div>
        <button type="submit" disabled={busy} className="mt-3 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
          {t("helpdesk.sendReply")}
        </button>
      </form>
      <form
        className="mt-6 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => trpcClient(locale).tickets.setStatus.mutate({ reference, status: nextStatus }), t("helpdesk.statusSaved"));
        }}
      >
        <div>
          <label htmlFor="staff-status" className="block font-medium">
            {t("helpdesk.status")}
          </label>
          <select id="staff-status" value={nextStatus} onChange={(e) => setNextStatus(e.target.value as TicketStatus)} className="mt-1 rounded border border-slate-400 bg-white px-3 py-2">
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`tickets.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy} className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-900 hover:bg-brand-50 disabled:opacity-60">
          {t("helpdesk.saveStatus")}
        </button>
      </form>
      {status !== "closed" ? (
        <form
          className="mt-6 flex flex-wrap items-end gap-3"
          data-testid="merge-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (into.trim())
              void run(
                () => trpcClient(locale).tickets.merge.mutate({ reference, into }),
                t("helpdesk.mergeDone", { into: into.trim().toUpperCase() }),
              );
          }}
        >
          <div>
            <label htmlFor="staff-merge-into" className="block font-medium">
              {t("helpdesk.mergeLabel")}
            </label>
            <input
              id="staff-merge-into"
              value={into}
              onChange={(e) => setInto(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="mt-1 rounded border border-slate-400 px-3 py-2 font-mono"
            />
          </div>
          <button type="submit" disabled={busy} className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-900 hover:bg-brand-50 disabled:opacity-60">
            {t("helpdesk.merge")}
          </button>
        </form>
      ) : null}
      <p role="status" className="mt-3 text-sm">
        {notice ?? ""}
      </p>
    </section>
  );
}
