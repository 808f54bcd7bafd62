/** The accounts on this device (IndexedDB, ./accounts-db-schema.ts): list, add, rename, remove. */
import { type IDBPDatabase, openDB } from "idb";
import { ACCOUNTS_DB, ACCOUNTS_DB_VERSION, ACCOUNTS_STORE, type AccountRecord, type AccountsDb, SETTINGS_STORE, upgradeAccountsDb } from "./accounts-db-schema";
import type { AuthenticatorLocale } from "./locale";
import { type AccountSetup, defaultLabel, MAX_NAME_LENGTH } from "./setup-link";
import { importTotpKey } from "./totp";

/** Longest name a person may give an account (the default names organisation and account). */
export const MAX_LABEL_LENGTH = 2 * MAX_NAME_LENGTH + 3;

let opened: Promise<IDBPDatabase<AccountsDb>> | null = null;

function db(): Promise<IDBPDatabase<AccountsDb>> {
  opened ??= openDB<AccountsDb>(ACCOUNTS_DB, ACCOUNTS_DB_VERSION, { upgrade: upgradeAccountsDb });
  return opened;
}

/** Every account, oldest first (the order they were added). */
export async function listAccounts(): Promise<AccountRecord[]> {
  const all = await (await db()).getAll(ACCOUNTS_STORE);
  return all.sort((a, b) => a.addedAt - b.addedAt);
}

/** Stores a checked setup (./setup-link.ts); the secret goes in only as a non-extractable key. */
export async function addAccount(setup: AccountSetup): Promise<AccountRecord> {
  const record: AccountRecord = {
    id: crypto.randomUUID(),
    issuer: setup.issuer,
    accountName: setup.accountName,
    label: defaultLabel(setup),
    totp: { key: await importTotpKey(setup.secret, setup.settings.algorithm), ...setup.settings },
    addedAt: Date.now(),
  };
  await (await db()).add(ACCOUNTS_STORE, record);
  return record;
}

/** A new name: trimmed, 1 to MAX_LABEL_LENGTH characters; null when that is not a name. */
export function cleanLabel(text: string): string | null {
  const label = text.trim();
  return label.length > 0 && label.length <= MAX_LABEL_LENGTH ? label : null;
}

export async function renameAccount(id: string, label: string): Promise<void> {
  const tx = (await db()).transaction(ACCOUNTS_STORE, "readwrite");
  const record = await tx.store.get(id);
  if (record) await tx.store.put({ ...record, label });
  await tx.done;
}

export async function removeAccount(id: string): Promise<void> {
  await (await db()).delete(ACCOUNTS_STORE, id);
}

/** The language last opened, so the start address (/authenticator) opens in it (service worker). */
export async function rememberLocale(locale: AuthenticatorLocale): Promise<void> {
  await (await db()).put(SETTINGS_STORE, locale, "locale");
}
