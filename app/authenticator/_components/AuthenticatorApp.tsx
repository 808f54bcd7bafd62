"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AccountRecord } from "../_lib/accounts-db-schema";
import { addAccount, listAccounts, rememberLocale, removeAccount, renameAccount } from "../_lib/accounts";
import type { AuthenticatorLocale } from "../_lib/locale";
import { useOfflineReady } from "../_lib/offline";
import type { AccountSetup } from "../_lib/setup-link";
import { useNow } from "../_lib/use-now";
import { AccountCard } from "./AccountCard";
import { AddAccount } from "./AddAccount";

type Accounts = { kind: "loading" } | { kind: "ready"; list: AccountRecord[] } | { kind: "unavailable" };

/**
 * The app: whether it is kept for offline use, the accounts with their codes, and adding one.
 * Everything lives in this browser's storage; nothing here talks to the portal.
 */
export function AuthenticatorApp({ locale }: { locale: AuthenticatorLocale }) {
  const t = useTranslations("authenticator");
  const offline = useOfflineReady();
  const now = useNow();
  const [accounts, setAccounts] = useState<Accounts>({ kind: "loading" });
  const [announcement, setAnnouncement] = useState("");
  const accountsHeading = useRef<HTMLHeadingElement>(null);

  const reload = useCallback(async () => {
    try {
      setAccounts({ kind: "ready", list: await listAccounts() });
    } catch {
      setAccounts({ kind: "unavailable" });
    }
  }, []);

  useEffect(() => {
    void reload();
    rememberLocale(locale).catch(() => {});
  }, [reload, locale]);

  const onAdd = async (setup: AccountSetup): Promise<boolean> => {
    try {
      const record = await addAccount(setup);
      await reload();
      setAnnouncement(t("added", { label: record.label }));
      return true;
    } catch {
      setAnnouncement(t("saveFailed"));
      return false;
    }
  };

  const onRename = async (account: AccountRecord, label: string) => {
    await renameAccount(account.id, label);
    await reload();
    setAnnouncement(t("renamed", { label }));
  };

  const onRemove = async (account: AccountRecord) => {
    await removeAccount(account.id);
    await reload();
    setAnnouncement(t("removed", { label: account.label }));
    accountsHeading.current?.focus();
  };

  return (
    <>
      <p className="mt-2 text-sm text-slate-700" data-testid="offline-state" data-state={offline}>
        {t(`offline.${offline}`)}
      </p>
      <p role="status" className={announcement ? "mt-3 rounded border border-green-300 bg-green-50 p-3" : ""} data-testid="announcement">
        {announcement}
      </p>

      <section aria-labelledby="accounts-heading" className="mt-6">
        <h2 id="accounts-heading" ref={accountsHeading} tabIndex={-1} className="text-xl font-semibold">
          {t("accountsTitle")}
        </h2>
        {accounts.kind === "loading" ? <p className="mt-2">{t("loading")}</p> : null}
        {accounts.kind === "unavailable" ? (
          <p role="alert" className="mt-2 rounded border border-red-300 bg-red-50 p-3">
            {t("storageUnavailable")}
          </p>
        ) : null}
        {accounts.kind === "ready" && accounts.list.length === 0 ? <p className="mt-2">{t("noAccounts")}</p> : null}
        {accounts.kind === "ready" && accounts.list.length > 0 ? (
          <ul className="mt-3 space-y-3" data-testid="accounts">
            {accounts.list.map((account) => (
              <AccountCard key={account.id} account={account} now={now} onRename={onRename} onRemove={onRemove} />
            ))}
          </ul>
        ) : null}
      </section>

      {accounts.kind !== "unavailable" ? <AddAccount onAdd={onAdd} /> : null}
    </>
  );
}
