/**
 * The companion authenticator's IndexedDB database: its name, version and stores, in one place for
 * the page (./accounts.ts) and the service worker (which reads the chosen language).
 *
 * Version 1: `accounts` (one AccountRecord per account, keyed by its id) and `settings` (key-value:
 * "locale"). Push approvals (issue 12) add a version 2 with a `requests` store and give an account
 * its device activation (see AccountRecord.push).
 */
import type { DBSchema, IDBPDatabase } from "idb";
import type { AuthenticatorLocale } from "./locale";
import type { TotpAlgorithm } from "./totp";

export const ACCOUNTS_DB = "tweestap-authenticator";
export const ACCOUNTS_DB_VERSION = 1;
export const ACCOUNTS_STORE = "accounts";
export const SETTINGS_STORE = "settings";

/** One account in the app: what it shows and the key its codes are computed with. */
export interface AccountRecord {
  /** Made on this device (random UUID); never sent anywhere. */
  id: string;
  /** The organisation from the setup link ("Tweestap Demo"); "" when typed by hand without one. */
  issuer: string;
  /** The account at that organisation, as the setup link names it (the username). */
  accountName: string;
  /** The person's own name for the account (rename changes only this). */
  label: string;
  /**
   * The TOTP secret as a WebCrypto HMAC key that cannot be exported: scripts can compute codes
   * with it but never read the secret back. Plus the parameters from the setup link.
   */
  totp: { key: CryptoKey; algorithm: TotpAlgorithm; digits: number; period: number };
  /** When it was added (epoch milliseconds, the device's clock). */
  addedAt: number;
  /*
   * Later (push approvals): push?: { deviceId: string; keyPair: CryptoKeyPair; portalUrl: string;
   * activatedAt: number } — the server's ID for this device and its non-extractable key pair.
   */
}

export interface AccountsDb extends DBSchema {
  [ACCOUNTS_STORE]: { key: string; value: AccountRecord };
  [SETTINGS_STORE]: { key: "locale"; value: AuthenticatorLocale };
}

export function upgradeAccountsDb(db: IDBPDatabase<AccountsDb>, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore(ACCOUNTS_STORE, { keyPath: "id" });
    db.createObjectStore(SETTINGS_STORE);
  }
}
