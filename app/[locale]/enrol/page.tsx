import { getTranslations, setRequestLocale } from "next-intl/server";
import { EnrolForm } from "./EnrolForm";
import { titleFrom } from "../../_lib/metadata";

export const generateMetadata = titleFrom("enrol");

export default async function EnrolPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("enrol");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <EnrolForm />
    </div>
  );
}
