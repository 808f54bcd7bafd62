import en from "@/messages/en.json";
import nl from "@/messages/nl.json";
import type { ErrorCode, ErrorParams } from "../errors";

export type AppLocale = "nl" | "en";
export const APP_LOCALES: readonly AppLocale[] = ["nl", "en"];
const catalogs = { nl, en } as const;

/** Picks nl or en: an explicit locale header, else Accept-Language, else Dutch. */
export function pickLocale(headers: Headers): AppLocale {
  const explicit = headers.get("x-tweestap-locale");
  if (explicit === "nl" || explicit === "en") return explicit;
  const accept = headers.get("accept-language") ?? "";
  for (const part of accept.split(",")) {
    const tag = part.split(";")[0]!.trim().toLowerCase();
    if (tag.startsWith("nl")) return "nl";
    if (tag.startsWith("en")) return "en";
  }
  return "nl";
}

function lookup(locale: AppLocale, key: string): string | undefined {
  let node: unknown = catalogs[locale];
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** Server-side message lookup with simple {name} placeholders (error messages in API responses). */
export function translate(locale: AppLocale, key: string, params: ErrorParams = {}): string {
  const template = lookup(locale, key) ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function errorMessage(locale: AppLocale, code: ErrorCode, params: ErrorParams = {}): string {
  return translate(locale, `errors.${code}.message`, params);
}
