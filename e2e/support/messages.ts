/**
 * The app's own message catalogs, so specs assert the text people actually see in each language
 * without copying strings (a reworded message must not break a test; a missing one must).
 */
import fs from "node:fs";

export type Locale = "nl" | "en";
export const LOCALES: readonly Locale[] = ["nl", "en"];

type Tree = { [key: string]: string | Tree };

const catalogs: Record<Locale, Tree> = {
  nl: JSON.parse(fs.readFileSync(new URL("../../messages/nl.json", import.meta.url), "utf8")) as Tree,
  en: JSON.parse(fs.readFileSync(new URL("../../messages/en.json", import.meta.url), "utf8")) as Tree,
};

/** The message at a dotted key, with {placeholders} filled in. Throws on a missing key. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = catalogs[locale];
  for (const part of key.split(".")) {
    node = typeof node === "object" ? node[part] : undefined;
  }
  if (typeof node !== "string") throw new Error(`No message "${key}" in messages/${locale}.json`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The keys directly under a dotted key ("verify.ways" → "totp", "sms", …); none when it is not a group. */
export function keysUnder(locale: Locale, key: string): string[] {
  let node: string | Tree | undefined = catalogs[locale];
  for (const part of key.split(".")) {
    node = typeof node === "object" ? node[part] : undefined;
  }
  return typeof node === "object" ? Object.keys(node) : [];
}

/** A message as a RegExp, with each {placeholder} matching anything: for messages with numbers. */
export function tPattern(locale: Locale, key: string): RegExp {
  const template = t(locale, key);
  const escaped = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".+?")}$`);
}
