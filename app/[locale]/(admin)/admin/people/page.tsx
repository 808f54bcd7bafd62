import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { pendingAdminApprovals } from "@/server/admin/admin-approvals";
import { listPeopleForAdmin } from "@/server/admin/office-phones";
import { requirePageSession } from "../../../../_lib/page-session";
import { PeopleAdmin } from "./PeopleAdmin";

export default async function AdminPeoplePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("admin");
  if (session.person.role !== "admin") return <p data-testid="admin-denied">{t("denied")}</p>;
  const [everyone, approvals] = await Promise.all([listPeopleForAdmin(), pendingAdminApprovals(session)]);
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("peopleTitle")}</h1>
      <p className="mt-1 text-slate-700">{t("peopleIntro")}</p>
      <p className="mt-2">
        <Link href="/admin/approvals" className="underline" data-testid="admin-approvals-link">
          {t("approvalsLink", { count: approvals.length })}
        </Link>
      </p>
      <PeopleAdmin />
      <table className="mt-4 w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-3">
              {t("username")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("name")}
            </th>
            <th scope="col" className="py-2">
              {t("role")}
            </th>
          </tr>
        </thead>
        <tbody>
          {everyone.map((p) => (
            <tr key={p.id} className="border-b border-slate-200">
              <td className="py-2 pr-3">
                <Link href={`/admin/people/${encodeURIComponent(p.username)}`} className="underline">
                  {p.username}
                </Link>
              </td>
              <td className="py-2 pr-3">{p.displayName}</td>
              <td className="py-2">{p.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
