import type { ErrorParams } from "../core/errors";
import { clockTime } from "../i18n/translate";
import { asciiDigits } from "../validation/text";
import type { Locked } from "./lockout";

/**
 * People type codes with spaces or dashes ("123 456"); those are not part of the code. Digits from
 * any keyboard (full-width, Arabic-Indic) are the same digits: checked as ASCII.
 */
export function normalizeCode(code: string): string {
  return asciiDigits(code).replace(/[\s-]/g, "");
}

/** "about 3 minutes behind": seconds below two minutes, whole minutes above. */
export function driftParams(offsetSeconds: number): ErrorParams {
  const size = Math.abs(offsetSeconds);
  return size < 120
    ? { amount: size, unit: "seconds", direction: offsetSeconds < 0 ? "behind" : "ahead" }
    : { amount: Math.round(size / 60), unit: "minutes", direction: offsetSeconds < 0 ? "behind" : "ahead" };
}

/** ACCOUNT_LOCKED's parameters: whole minutes left (at least 1) and the time it ends. */
export function lockParams(lock: Locked, at: Date): { minutes: number; time: string } {
  return { minutes: Math.max(1, Math.ceil((lock.until.getTime() - at.getTime()) / 60_000)), time: clockTime(lock.until) };
}
