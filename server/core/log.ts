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

/** The SQLSTATE of a database error anywhere in the cause chain ("22P02", "22008"), if any. */
function databaseErrorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** A database error: drizzle's query error (it carries the SQL and its parameters) or the driver's own. */
function isDatabaseError(error: Error): boolean {
  return "query" in error || "params" in error || "severity" in error || error.name === "DrizzleQueryError" || databaseErrorCode(error) !== null;
}

/**
 * A one-line description of an unexpected error for the log. A database error gives only its
 * class and SQLSTATE: its message holds the SQL, and the driver's the values (a token hash,
 * submitted text). Other errors: name and first message line, cut before any "params:".
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  if (isDatabaseError(error)) {
    const code = databaseErrorCode(error);
    const cause = error.cause instanceof Error ? ` (${error.cause.name})` : "";
    return `${error.name}${cause}${code ? ` ${code}` : ""}`;
  }
  const firstLine = error.message.split("\n")[0] ?? "";
  const cut = firstLine.indexOf("params:");
  return `${error.name}: ${(cut >= 0 ? firstLine.slice(0, cut) : firstLine).slice(0, 300)}`;
}
