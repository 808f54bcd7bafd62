import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../core/errors";

/**
 * Password rules (SECURITY-CHECKLIST G2, NIST 800-63B-4 §3.1.1.2): at least 12 characters
 * (counted as Unicode code points after NFKC), at most 256, no composition rules, not one of the
 * ~49,000 most common passwords, not the username. Our minimum is 12 (ASVS 4 L2) rather than 8
 * because passwords here also unlock the password step of every sign-in.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

export type PasswordProblem = "too_short" | "too_long" | "too_common" | "contains_username";

export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const normalized = password.normalize("NFKC");
  const length = [...normalized].length;
  if (length < PASSWORD_MIN) return "too_short";
  if (length > PASSWORD_MAX) return "too_long";
  const lower = normalized.toLowerCase();
  if (commonPasswords().has(lower)) return "too_common";
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return "contains_username";
  return null;
}

export function assertAcceptablePassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError("PASSWORD_REJECTED", { params: { reason: problem, min: PASSWORD_MIN } });
}
