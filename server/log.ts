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
