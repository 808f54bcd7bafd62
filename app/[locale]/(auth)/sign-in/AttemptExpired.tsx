import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

/** A sign-in step page opened without a live attempt in this browser: start again. */
export async function AttemptExpired({ titleKey }: { titleKey: string }) {
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t(titleKey)}</h1>
      <p className="mt-4" data-testid="attempt-expired">
        {t("errors.SIGN_IN_ATTEMPT_EXPIRED.message")}
      </p>
      <p className="mt-4">
        <Link href="/sign-in" className="font-medium underline">
          {t("help.backToSignIn")}
        </Link>
      </p>
    </div>
  );
}
