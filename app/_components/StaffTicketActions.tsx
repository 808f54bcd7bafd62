"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { TICKET_STATUSES, type TicketStatus } from "@/server/tickets/ticket-values";
import { toErrorDetails, type ErrorDetails } from "../_lib/error-details";
import { trpcClient } from "../_lib/trpc";
import { ErrorPanel } from "./ErrorPanel";
import { shownText } from "@/server/validation/text";

type MergePreview = Awaited<ReturnType<ReturnType<typeof trpcClient>["tickets"]["mergePreview"]["query"]>>;

/** The helpdesk's reply (public, or an internal note) and status change on one ticket. */
export function StaffTicketActions({ reference, status, canned }: { reference: string; status: TicketStatus; canned: Array<{ id: string; title: string; body: string }> }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [nextStatus, setNextStatus] = useState<TicketStatus>(status);
  const [into, setInto] = useState("");
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      const said = await action();
      setNotice(typeof said === "string" ? said : done);
      router.refresh();
    } catch (error) {
      setFailure(toErrorDetails(error));
    } finally {
      setBusy(false);
    }
  }

  /** The merge dialog: both tickets side by side before anything changes. */
  async function review(duplicate: string, kept: string) {
    setFailure(null);
    setNotice(null);
    try {
      setPreview(await trpcClient(locale).tickets.mergePreview.query({ reference: duplicate, into: kept }));
    } catch (error) {
      setPreview(null);
      setFailure(toErrorDetails(error));
    }
  }

  async function merge(duplicate: string, kept: string) {
    await run(() => trpcClient(locale).tickets.merge.mutate({ reference: duplicate, into: kept }), t("helpdesk.mergeDone", { into: kept }));
    setPreview(null);
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
          if (body.trim())
            void run(
              () =>
                trpcClient(locale)
                  .tickets.staffReply.mutate({ reference, body, internal })
                  .then((sent) => {
                    setBody("");
                    return sent.sentTo === "address_on_file" ? t("helpdesk.replySentOnFile") : sent.sentTo === "none" ? t("helpdesk.replySentNowhere") : t("helpdesk.replySent");
                  }),
              t("helpdesk.replySent"),
            );
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
          <select
            id="staff-status"
            value={nextStatus}
            onChange={(e) => setNextStatus(e.target.value as TicketStatus)}
            className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
          >
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
          className="mt-6"
          data-testid="merge-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (into.trim()) void review(reference, into);
          }}
        >
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="staff-merge-into" className="block font-medium">
                {t("helpdesk.mergeLabel")}
              </label>
              <input
                id="staff-merge-into"
                value={into}
                onChange={(e) => {
                  setInto(e.target.value);
                  setPreview(null);
                }}
                autoComplete="off"
                spellCheck={false}
                className="mt-1 rounded border border-slate-400 px-3 py-2 font-mono"
              />
            </div>
            <button type="submit" disabled={busy} className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-900 hover:bg-brand-50 disabled:opacity-60">
              {t("helpdesk.mergeReview")}
            </button>
          </div>
          {preview ? (
            <div className="mt-3 rounded border border-slate-300 bg-slate-50 p-3" data-testid="merge-preview" role="group" aria-labelledby="merge-preview-heading">
              <h3 id="merge-preview-heading" className="font-semibold">
                {t("helpdesk.mergePreviewTitle")}
              </h3>
              <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
                {(
                  [
                    ["duplicate", t("helpdesk.mergeDuplicateSide"), preview.duplicate],
                    ["kept", t("helpdesk.mergeKeptSide"), preview.kept],
                  ] as const
                ).map(([key, label, side]) => (
                  <div key={key} className="contents" data-testid={`merge-${key}`}>
                    <dt className="font-medium">{label}</dt>
                    <dd className="break-words">
                      <span className="font-mono">{side.reference}</span> · {shownText(side.subject)} · {side.requesterName} ({side.requesterUsername}) ·{" "}
                      <span data-testid={`merge-${key}-standing`} className={side.standing === "address_differs" ? "font-medium text-amber-900" : undefined}>
                        {t(`helpdesk.standing.${side.standing}`)}
                      </span>
                    </dd>
                  </div>
                ))}
              </dl>
              {preview.refusal ? (
                <p className="mt-2 text-sm font-medium text-red-900" data-testid="merge-refusal">
                  {t(`errors.${preview.refusal}.message`, { keep: preview.duplicate.reference, other: preview.kept.reference })}
                </p>
              ) : null}
              <div className="mt-3 flex flex-wrap gap-3">
                {preview.refusal === null ? (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void merge(preview.duplicate.reference, preview.kept.reference)}
                    className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
                  >
                    {t("helpdesk.merge")}
                  </button>
                ) : null}
                {preview.refusal === "TICKET_MERGE_DIRECTION" ? (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void review(preview.kept.reference, preview.duplicate.reference)}
                    className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
                  >
                    {t("helpdesk.mergeOtherWay")}
                  </button>
                ) : null}
                <button type="button" onClick={() => setPreview(null)} className="rounded border border-slate-400 px-4 py-2 font-medium hover:bg-white">
                  {t("helpdesk.mergeCancel")}
                </button>
              </div>
            </div>
          ) : null}
        </form>
      ) : null}
      <p role="status" className="mt-3 text-sm">
        {notice ?? ""}
      </p>
    </section>
  );
}
