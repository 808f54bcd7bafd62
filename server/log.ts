/**
 * Structured log lines (JSON, UTC timestamps). Callers pass facts only: never a password, code,
 * token, seed or cookie. JSON encoding escapes CR/LF, so a username cannot forge a line.
 */
import { now } from "./clock";

type Level = "info" | "warn" | "error";
type Fields = Record<string, string | number | boolean | null | undefined>;

export function log(level: Level, event: string, fields: Fields = {}): void {
  const line = JSON.stringify({ time: now().toISOString(), level, event, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/**
 * A one-line description of an unexpected error for the log: its name and first message line,
 * cut before any "params:" a database driver appends (they could hold hashes or identifiers).
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const firstLine = error.message.split("\n")[0] ?? "";
  const cut = firstLine.indexOf("params:");
  return `${error.name}: ${(cut >= 0 ? firstLine.slice(0, cut) : firstLine).slice(0, 300)}`;
}
