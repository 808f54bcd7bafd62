import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { Link } from "@/i18n/navigation";
import { personForAdmin } from "@/server/admin/office-phones";
import { isAppError } from "@/server/core/errors";
import { requirePageSession } from "../../../../../_lib/page-session";
import { OfficePhoneForm } from "./OfficePhoneForm";
import { PersonAccess } from "./PersonAccess";

export default async function AdminPersonPage({ params }: { params: Promise<{ locale: string; username: string }> }) {
  const { locale, username } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  const t = await getTranslations("admin");
  if (session.person.role !== "admin") return <p data-testid="admin-denied">{t("denied")}</p>;
  let person: Awaited<ReturnType<typeof personForAdmin>>;
  try {
    person = await personForAdmin(decodeURIComponent(username));
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <div className="mx-auto max-w-lg">
      <p>
        <Link href="/admin/people" className="underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t("personTitle", { name: person.displayName, username: person.username })}</h1>
      <h2 className="mt-6 text-lg font-semibold">{t("officePhone")}</h2>
      <p data-testid="office-phone">{person.officePhone ? `${person.officePhone.e164}${person.officePhone.extension ? ` (${person.officePhone.extension})` : ""}` : t("none")}</p>
      <OfficePhoneForm personId={person.id} hasPhone={person.officePhone !== null} />
      {person.id !== session.person.id ? <PersonAccess personId={person.id} role={person.role} disabled={person.disabledAt !== null} manager={person.managerUsername} /> : null}
    </div>
  );
}
