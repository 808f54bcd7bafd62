/**
 * The companion authenticator's service worker (bundled by serwist, see ../sw.js/route.ts), scope
 * /authenticator only. It precaches the app's shell (its pages in both languages, their scripts and
 * styles, the icon) so the app opens and shows codes without a network; everything else passes
 * through untouched. The service worker only sees requests of pages in its scope, so the portal's
 * pages (on the same origin in demo mode) are never touched.
 */
import { openDB } from "idb";
import { CacheFirst, ExpirationPlugin, type PrecacheEntry, Serwist } from "serwist";
import { ACCOUNTS_DB, ACCOUNTS_DB_VERSION, type AccountsDb, SETTINGS_STORE, upgradeAccountsDb } from "../_lib/accounts-db-schema";
import { appPath, isAuthenticatorLocale, pickLocale } from "../_lib/locale";

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

/** The language to open: the one last opened on this device, else the device's own. */
async function chosenLocale() {
  try {
    const db = await openDB<AccountsDb>(ACCOUNTS_DB, ACCOUNTS_DB_VERSION, { upgrade: upgradeAccountsDb });
    const stored: unknown = await db.get(SETTINGS_STORE, "locale");
    db.close();
    if (isAuthenticatorLocale(stored)) return stored;
  } catch {
    // No storage (private mode): fall back to the device's languages.
  }
  return pickLocale(self.navigator.languages ?? [self.navigator.language]);
}

// The start address (/authenticator) opens the app in its language, online or not. Registered
// before serwist's listener, so it answers first.
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.mode !== "navigate" || url.origin !== self.location.origin || url.pathname !== "/authenticator") return;
  event.respondWith(chosenLocale().then((locale) => Response.redirect(new URL(appPath(locale), self.location.origin).href, 302)));
});

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  disableDevLogs: true,
  // Scripts the pages load later (the QR scanner, loaded when someone taps "scan") are kept once
  // fetched; their names change with their content, so a kept copy is never stale.
  runtimeCaching: [
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "authenticator-static", plugins: [new ExpirationPlugin({ maxEntries: 32 })] }),
    },
  ],
});

serwist.addEventListeners();
