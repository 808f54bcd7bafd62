import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { pendingAdminApprovals } from "@/server/admin/admin-approvals";
import { requirePageSession } from "../../../../_lib/page-session";
import { titleFrom } from "../../../../_lib/metadata";
import { ApprovalDecision } from "./ApprovalDecision";

export const generateMetadata = titleFrom("adminApprovals");

/**
 * Four eyes for administrators: the changes another administrator asked for (adding staff,
 * granting or taking away a staff role, recording a manager), each approved or refused here by a
 * second administrator. Reached from the people page and from the email the other administrators get.
 */
export default async function AdminApprovalsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale, "/admin/approvals");
  const t = await getTranslations("adminApprovals");
  const tAll = await getTranslations();
  if (session.person.role !== "admin") return <p data-testid="admin-denied">{tAll("admin.denied")}</p>;
  const format = await getFormatter();
  const approvals = await pendingAdminApprovals(session);
  return (
    <div className="mx-auto max-w-2xl">
      <p>
        <Link href="/admin/people" className="underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-slate-700">{t("intro")}</p>
      {approvals.length === 0 ? (
        <p className="mt-6" data-testid="admin-approvals-none">
          {t("none")}
        </p>
      ) : (
        <ul className="mt-6 space-y-3" data-testid="admin-approvals">
          {approvals.map((a) => {
            const role = a.role ? tAll(`helpdesk.roles.${a.role as "person" | "agent" | "admin"}`) : "";
            return (
              <li key={a.id} className="rounded border border-slate-200 p-3" data-testid="admin-approval" data-approval-kind={a.kind} data-approval-username={a.username}>
                <p className="font-medium">{t(a.kind, { name: a.name, username: a.username, email: a.email ?? "", role, manager: a.manager })}</p>
                <p className="mt-1 text-sm text-slate-700">{t("meta", { requester: a.requesterUsername, expires: format.dateTime(a.expiresAt, { timeStyle: "short" }) })}</p>
                {a.mine ? <p className="mt-1 text-sm">{t("mine")}</p> : a.aboutMe ? <p className="mt-1 text-sm">{t("aboutMe")}</p> : <ApprovalDecision approvalId={a.id} />}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
