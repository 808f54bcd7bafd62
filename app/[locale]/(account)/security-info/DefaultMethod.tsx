"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import type { listSignInOptions } from "@/server/methods/manage-methods";

type SignInOption = Awaited<ReturnType<typeof listSignInOptions>>[number];
import { ErrorPanel } from "../../../_components/ErrorPanel";
import { toErrorDetails, type ErrorDetails } from "../../../_lib/error-details";
import { trpcClient } from "../../../_lib/trpc";

/** Choose the way to sign in that is offered first. */
export function DefaultMethod({ options }: { options: Awaited<ReturnType<typeof listSignInOptions>> }) {
  const t = useTranslations("securityInfo");
  const locale = useLocale();
  const router = useRouter();
  const key = (o: SignInOption) => `${o.methodId}|${o.channel}`;
  const [value, setValue] = useState(key(options.find((o) => o.isDefault) ?? options[0]!));
  const [failure, setFailure] = useState<ErrorDetails | null>(null);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setFailure(null);
    const [methodId, channel] = value.split("|") as [string, SignInOption["channel"]];
    try {
      await trpcClient(locale).methods.setDefault.mutate({ methodId, channel });
      router.refresh();
    } catch (error) {
      setFailure(toErrorDetails(error));
    }
  }

  return (
    <form method="post" onSubmit={save} className="mt-3 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="default-method" className="block font-medium">
          {t("defaultLabel")}
        </label>
        <select id="default-method" value={value} onChange={(e) => setValue(e.target.value)} className="mt-1 rounded border border-slate-400 bg-white px-3 py-2">
          {options.map((o) => (
            <option key={key(o)} value={key(o)}>
              {t(`channels.${o.channel}`, { number: o.display ?? "" })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded border border-slate-500 bg-white px-4 py-2 font-medium hover:bg-slate-100">
        {t("makeDefault")}
      </button>
      {failure ? <ErrorPanel details={failure} /> : null}
    </form>
  );
}
