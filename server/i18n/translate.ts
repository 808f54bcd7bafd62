import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import nl from "@/messages/nl.json";
import type { ErrorCode, ErrorParams } from "../core/errors";

export type AppLocale = "nl" | "en";

/** The organisation's time zone for times we show or send (the people it serves are in it). */
export const DISPLAY_TIME_ZONE = "Europe/Amsterdam";

/** A time of day as messages show it ("14:05"), in the display time zone; the same in nl and en. */
export function clockTime(at: Date, locale: AppLocale = "nl"): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { hour: "2-digit", minute: "2-digit", timeZone: DISPLAY_TIME_ZONE }).format(at);
}
export const APP_LOCALES: readonly AppLocale[] = ["nl", "en"];

type Translate = (key: string, params?: ErrorParams) => string;
const translators: Record<AppLocale, Translate> = {
  nl: createTranslator({ locale: "nl", messages: nl, timeZone: DISPLAY_TIME_ZONE }) as unknown as Translate,
  en: createTranslator({ locale: "en", messages: en, timeZone: DISPLAY_TIME_ZONE }) as unknown as Translate,
};

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

/** Server-side messages (API error texts, notices) with the same ICU syntax the pages use. */
export function translate(locale: AppLocale, key: string, params: ErrorParams = {}): string {
  return translators[locale](key, params);
}

export function errorMessage(locale: AppLocale, code: ErrorCode, params: ErrorParams = {}): string {
  return translate(locale, `errors.${code}.message`, params);
}
