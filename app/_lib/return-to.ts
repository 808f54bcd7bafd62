/**
 * Where a sign-in goes back to when it was started from help ("sign in another way" in a wizard
 * run, a ticket, a manager's identity check, the administrators' approvals from their email). Only our own paths: never an open redirect.
 */
export const RETURN_TO_PATTERN = /^\/(help\/runs\/[A-Za-z0-9_-]{20,100}|tickets(\/[A-Za-z0-9_-]{1,40})?|confirm-identity\/[0-9a-f-]{36}|admin\/approvals)$/;

const KEY = "tweestap.returnTo";

export function safeReturnTo(value: unknown): string | null {
  return typeof value === "string" && RETURN_TO_PATTERN.test(value) ? value : null;
}

/** Kept for this tab only, across the sign-in's pages (password, code, another way). */
export function rememberReturnTo(path: string | null): void {
  if (path) sessionStorage.setItem(KEY, path);
  else sessionStorage.removeItem(KEY);
}

/** The remembered destination, once (it is forgotten as it is read). */
export function takeReturnTo(): string | null {
  const value = safeReturnTo(sessionStorage.getItem(KEY));
  sessionStorage.removeItem(KEY);
  return value;
}
