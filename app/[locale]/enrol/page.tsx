import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { EnrolForm } from "./EnrolForm";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "enrol" });
  return { title: `${t("title")} · Tweestap` };
}

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
