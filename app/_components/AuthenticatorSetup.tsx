"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { TotpSetup } from "@/server/verification/methods/totp/register-totp";
import { toErrorDetails, type ErrorDetails } from "../_lib/error-details";
import { CodeForm } from "./CodeForm";
import { ErrorPanel } from "./ErrorPanel";

/**
 * Registering an authenticator app: the QR code, the key to type by hand, then the first code.
 * `start` and `confirm` are the procedures of the flow this runs in (sign-in or security info);
 * `companionUrl` is where the companion authenticator is (server/http/authenticator-origin.ts), if anywhere.
 */
export function AuthenticatorSetup({
  start,
  confirm,
  companionUrl,
}: {
  start: (locale: string) => Promise<TotpSetup>;
  confirm: (locale: string, methodId: string, code: string) => Promise<ErrorDetails | null>;
  companionUrl: string | null;
}) {
  const t = useTranslations("setup");
  const locale = useLocale();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);

  useEffect(() => {
    start(locale).then(setSetup, (error: unknown) => setFailure(toErrorDetails(error)));
  }, [start, locale]);

  if (failure) return <ErrorPanel details={failure} />;
  if (!setup) return <p role="status">{t("preparing")}</p>;
  return (
    <div data-testid="authenticator-setup">
      <ol className="mt-4 list-decimal space-y-4 pl-5">
        <li>
          {t("stepInstall")}
          {companionUrl ? (
            <>
              {" "}
              {/* A new tab: leaving this page would start the registration again with a new key. */}
              <a href={companionUrl} target="_blank" rel="noopener" className="underline" data-testid="companion-link">
                {t("companion")} <span className="text-sm">{t("opensInNewTab")}</span>
              </a>
            </>
          ) : null}
        </li>
        <li>
          {t("stepScan")}
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made by our server */}
          <img
            src={setup.qrDataUrl}
            alt={t("qrAlt", { issuer: setup.issuer, account: setup.accountName })}
            width={200}
            height={200}
            className="mt-2 border border-slate-200 bg-white"
          />
          <details className="mt-2">
            <summary className="cursor-pointer underline">{t("cannotScan")}</summary>
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="font-medium">{t("issuer")}</dt>
              <dd>{setup.issuer}</dd>
              <dt className="font-medium">{t("account")}</dt>
              <dd>{setup.accountName}</dd>
              <dt className="font-medium">{t("key")}</dt>
              <dd className="font-mono" data-testid="manual-key">
                {setup.manualKey}
              </dd>
              <dt className="font-medium">{t("type")}</dt>
              <dd>{t("timeBased")}</dd>
              <dt className="font-medium">{t("setupLink")}</dt>
              <dd className="break-all font-mono text-xs" data-testid="setup-link">
                {setup.otpauthUri}
              </dd>
            </dl>
          </details>
        </li>
        <li>
          {t("stepCode")}
          <CodeForm id="setup-code" label={t("codeLabel")} hint={t("codeHint")} submitLabel={t("confirm")} onCode={(code) => confirm(locale, setup.methodId, code)} />
        </li>
      </ol>
    </div>
  );
}
