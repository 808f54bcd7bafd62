"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { ConfirmIdentity } from "../../../_components/ConfirmIdentity";
import { ErrorPanel } from "../../../_components/ErrorPanel";
import { toErrorDetails, type ErrorDetails } from "../../../_lib/error-details";
import { trpcClient } from "../../../_lib/trpc";

/** Remove a method; asks "confirm it's you" first when the second factor is not fresh. */
export function RemoveMethod({ methodId, label }: { methodId: string; label: string }) {
  const t = useTranslations("securityInfo");
  const locale = useLocale();
  const router = useRouter();
  const [state, setState] = useState<"idle" | "confirming" | "busy">("idle");
  const [failure, setFailure] = useState<ErrorDetails | null>(null);

  async function remove() {
    setFailure(null);
    setState("busy");
    try {
      await trpcClient(locale).methods.remove.mutate({ methodId });
      router.refresh();
      setState("idle");
    } catch (error) {
      const details = toErrorDetails(error);
      if (details.code === "MFA_FRESH_FACTOR_REQUIRED") return setState("confirming");
      setFailure(details);
      setState("idle");
    }
  }

  return (
    <div>
      <button
        type="button"
        onClick={remove}
        disabled={state === "busy"}
        className="rounded border border-red-800 bg-white px-3 py-1.5 text-sm font-medium text-red-900 hover:bg-red-50"
      >
        {t("removeMethod", { label })}
      </button>
      {state === "confirming" ? <ConfirmIdentity onConfirmed={remove} /> : null}
      {failure ? (
        <div className="mt-3">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
    </div>
  );
}
