/**
 * The companion authenticator's languages and how it picks one: the language last opened (kept on
 * the device), else the first of the device's languages it speaks, else Dutch. Shared by the
 * /authenticator redirect (server, Accept-Language) and the service worker (offline).
 */
export const AUTHENTICATOR_LOCALES = ["nl", "en"] as const;
export type AuthenticatorLocale = (typeof AUTHENTICATOR_LOCALES)[number];

export function isAuthenticatorLocale(value: unknown): value is AuthenticatorLocale {
  return typeof value === "string" && (AUTHENTICATOR_LOCALES as readonly string[]).includes(value);
}

/** The first language in `preferred` (most preferred first, "en-GB", "nl") that the app speaks. */
export function pickLocale(preferred: readonly string[]): AuthenticatorLocale {
  for (const tag of preferred) {
    const base = tag.trim().toLowerCase().split("-")[0];
    if (isAuthenticatorLocale(base)) return base;
  }
  return "nl";
}

/** The languages of an Accept-Language header, most preferred first (q=0 means "not this one"). */
export function acceptedLanguages(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag!.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((l) => l.tag && l.tag !== "*" && l.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((l) => l.tag);
}

/** Where the app's page in `locale` lives. */
export function appPath(locale: AuthenticatorLocale): string {
  return `/authenticator/${locale}`;
}
