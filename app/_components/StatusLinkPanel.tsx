"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { toErrorDetails, type ErrorDetails } from "../_lib/error-details";
import { trpcClient } from "../_lib/trpc";
import { ErrorPanel } from "./ErrorPanel";

/**
 * The requester's private status link on the helpdesk's ticket view: whether it works (until when,
 * for a closed ticket), and a button to revoke it. A revoked or expired link answers like an
 * unknown one; the next notice to the requester carries a fresh link.
 */
export function StatusLinkPanel({ reference, state, expiresOn }: { reference: string; state: "active" | "revoked" | "expired"; expiresOn: string | null }) {
  const t = useTranslations("helpdesk");
  const locale = useLocale();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);

  async function revoke() {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await trpcClient(locale).tickets.revokeStatusLink.mutate({ reference });
      setNotice(t("statusLinkRevokedDone"));
      router.refresh();
    } catch (error) {
      setFailure(toErrorDetails(error));
    } finally {
      setBusy(false);
    }
  }

  const description =
    state === "revoked"
      ? t("statusLinkRevoked")
      : state === "expired"
        ? t("statusLinkExpired")
        : expiresOn
          ? t("statusLinkActiveUntil", { date: expiresOn })
          : t("statusLinkActive");
  return (
    <section aria-labelledby="status-link-heading" className="mt-8 rounded border border-slate-200 bg-white p-4" data-testid="status-link-panel">
      <h2 id="status-link-heading" className="text-xl font-semibold">
        {t("statusLinkTitle")}
      </h2>
      <p className="mt-2" data-testid="status-link-state" data-state={state}>
        {description}
      </p>
      {failure ? (
        <div className="mt-3">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      {state === "active" ? (
        <>
          <p id="revoke-status-link-hint" className="mt-2 text-sm text-slate-700">
            {t("revokeStatusLinkHint")}
          </p>
          <button
            type="button"
            disabled={busy}
            aria-describedby="revoke-status-link-hint"
            onClick={() => void revoke()}
            className="mt-2 rounded border border-red-800 px-4 py-2 font-medium text-red-900 hover:bg-red-50 disabled:opacity-60"
          >
            {t("revokeStatusLink")}
          </button>
        </>
      ) : null}
      <p role="status" className="mt-3 text-sm">
        {notice ?? ""}
      </p>
    </section>
  );
}
