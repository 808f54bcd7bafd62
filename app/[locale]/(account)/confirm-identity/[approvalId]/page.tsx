import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { isAppError } from "@/server/core/errors";
import { managerRequest } from "@/server/helpdesk/approvals";
import { approvalIdInput } from "@/server/helpdesk/helpdesk.schemas";
import { requirePageSession } from "../../../../_lib/page-session";
import { titleFrom } from "../../../../_lib/metadata";
import { ManagerDecision } from "./ManagerDecision";

export const generateMetadata = titleFrom("managerCheck");

/**
 * The manager on record answers the helpdesk's identity check from the link in their email:
 * who asks, about whom, why; confirm or decline with their own second factor.
 */
export default async function ConfirmIdentityPage({ params }: { params: Promise<{ locale: string; approvalId: string }> }) {
  const { locale, approvalId } = await params;
  setRequestLocale(locale);
  if (!approvalIdInput.safeParse({ approvalId }).success) notFound();
  const session = await requirePageSession(locale, `/confirm-identity/${approvalId}`);
  const request = await managerRequest(session, approvalId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const t = await getTranslations("managerCheck");
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-lg" data-testid="manager-check">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2">{t("intro", { agent: request.agentName, name: request.personName, username: request.personUsername, reference: request.reference })}</p>
      <h2 className="mt-4 font-semibold">{t("reason")}</h2>
      <p className="mt-1 whitespace-pre-wrap break-words rounded border border-slate-200 bg-white p-3">{request.reason}</p>
      {request.open ? (
        <>
          <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3">{t("warning", { name: request.personName })}</p>
          <p className="mt-2 text-sm text-slate-700">{t("expires", { at: format.dateTime(request.expiresAt, { timeStyle: "short" }) })}</p>
          <ManagerDecision approvalId={request.approvalId} />
        </>
      ) : (
        <p className="mt-4" role="status" data-testid="manager-check-closed">
          {request.decision === "confirmed" ? t("alreadyConfirmed") : request.decision === "declined" ? t("alreadyDeclined") : t("closed")}
        </p>
      )}
    </div>
  );
}
