"use client";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useRouter } from "@/i18n/navigation";
import type { PushActivationSetup } from "@/server/verification/methods/push/push-activation";
import { ErrorPanel } from "../../../../_components/ErrorPanel";
import { toErrorDetails, type ErrorDetails } from "../../../../_lib/error-details";
import { trpcClient } from "../../../../_lib/trpc";

/**
 * "Receive notifications": the QR code for the authenticator, and the code and URL to type by hand
 * when it cannot scan. The page asks every 2 s whether the device has activated (it may do so
 * through any instance), then returns to security info, which says the app was added.
 */
export function PushActivation() {
  const t = useTranslations("pushSetup");
  const locale = useLocale();
  const router = useRouter();
  const [setup, setSetup] = useState<PushActivationSetup | null>(null);
  const [state, setState] = useState<"waiting" | "expired">("waiting");
  const [failure, setFailure] = useState<ErrorDetails | null>(null);

  const start = useCallback(() => {
    setFailure(null);
    setState("waiting");
    setSetup(null);
    trpcClient(locale)
      .methods.beginPush.mutate({})
      .then(setSetup, (error: unknown) => setFailure(toErrorDetails(error)));
  }, [locale]);

  useEffect(start, [start]);

  useEffect(() => {
    if (!setup || state !== "waiting") return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const status = await trpcClient(locale).methods.pushActivation.query({ activationId: setup.activationId });
        if (stopped) return;
        if (status.state === "activated") {
          stopped = true;
          router.replace(`/security-info?notice=method-added&method=${status.methodId}`);
          router.refresh();
        } else if (status.state === "expired") {
          stopped = true;
          setState("expired");
        }
      } catch (error) {
        if (!stopped) {
          stopped = true;
          setFailure(toErrorDetails(error));
        }
      }
    }, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [setup, state, locale, router]);

  if (failure) return <ErrorPanel details={failure} />;
  if (!setup) return <p role="status">{t("preparing")}</p>;
  return (
    <div data-testid="push-activation" data-activation-id={setup.activationId}>
      <ol className="mt-4 list-decimal space-y-4 pl-5">
        <li>
          {t.rich("stepOpen", {
            url: setup.appUrl,
            link: (chunks) => (
              <a href={setup.appUrl} className="break-all underline" target="_blank" rel="noreferrer">
                {chunks}
              </a>
            ),
          })}
        </li>
        <li>
          {t("stepScan")}
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made by our server */}
          <img
            src={setup.qrDataUrl}
            alt={t("qrAlt", { account: setup.accountName, issuer: setup.issuer })}
            width={220}
            height={220}
            className="mt-2 border border-slate-200 bg-white"
          />
        </li>
        <li>
          {t("stepByHand")}
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="font-medium">{t("codeLabel")}</dt>
            <dd className="font-mono text-base tracking-wide" data-testid="activation-code">
              {setup.code}
            </dd>
            <dt className="font-medium">{t("urlLabel")}</dt>
            <dd className="font-mono break-all" data-testid="activation-url">
              {setup.activationUrl}
            </dd>
          </dl>
          <p className="mt-1 text-sm text-slate-700">{t("validFor", { minutes: Math.round(setup.expiresInSeconds / 60) })}</p>
        </li>
      </ol>
      <div role="status" className="mt-4" data-testid="activation-status">
        {state === "waiting" ? <p>{t("waiting")}</p> : <p>{t("expired")}</p>}
      </div>
      {state === "expired" ? (
        <button
          type="button"
          onClick={start}
          className="mt-2 rounded border border-brand-600 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50"
          data-testid="activation-again"
        >
          {t("startAgain")}
        </button>
      ) : null}
    </div>
  );
}
