/**
 * What the companion authenticator accepts as a new account: an otpauth:// setup link (what the
 * QR code holds) or the key typed by hand with a name. Everything is checked here, before anything
 * is stored; a problem names what to fix (messages: authenticator.problems.*).
 */
import { base32Decode } from "@/server/crypto/base32";
import { DEFAULT_TOTP, TOTP_ALGORITHMS, type TotpAlgorithm, type TotpSettings } from "./totp";

export type SetupProblem = "notALink" | "notTimeBased" | "noKey" | "keyNotBase32" | "keyTooShort" | "keyTooLong" | "algorithm" | "digits" | "period" | "noName" | "nameTooLong";

export interface AccountSetup {
  issuer: string;
  accountName: string;
  secret: Uint8Array;
  settings: TotpSettings;
}

export type SetupResult = { ok: true; setup: AccountSetup } | { ok: false; problem: SetupProblem };

/** 80 bits: the shortest key authenticator apps still meet (16 base32 characters). */
const MIN_KEY_BYTES = 10;
/** 512 bits: the longest RFC 6238 uses (SHA-512). */
const MAX_KEY_BYTES = 64;
export const MAX_NAME_LENGTH = 100;

const fail = (problem: SetupProblem): SetupResult => ({ ok: false, problem });

function decodeKey(text: string | null): { ok: true; secret: Uint8Array } | { ok: false; problem: SetupProblem } {
  if (!text?.trim()) return { ok: false, problem: "noKey" };
  const secret = base32Decode(text);
  if (!secret) return { ok: false, problem: "keyNotBase32" };
  if (secret.length < MIN_KEY_BYTES) return { ok: false, problem: "keyTooShort" };
  if (secret.length > MAX_KEY_BYTES) return { ok: false, problem: "keyTooLong" };
  return { ok: true, secret };
}

function checkNames(issuer: string, accountName: string): SetupProblem | null {
  if (!accountName) return "noName";
  if (accountName.length > MAX_NAME_LENGTH || issuer.length > MAX_NAME_LENGTH) return "nameTooLong";
  return null;
}

const ALGORITHM_NAMES: Record<string, TotpAlgorithm> = { SHA1: "SHA-1", SHA256: "SHA-256", SHA512: "SHA-512" };

/** Key URI format (github.com/google/google-authenticator/wiki/Key-Uri-Format), TOTP only. */
export function parseSetupLink(text: string): SetupResult {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail("notALink");
  }
  if (url.protocol !== "otpauth:") return fail("notALink");
  if (url.host.toLowerCase() !== "totp") return fail("notTimeBased");

  const key = decodeKey(url.searchParams.get("secret"));
  if (!key.ok) return fail(key.problem);

  let label: string;
  try {
    label = decodeURIComponent(url.pathname.replace(/^\//, ""));
  } catch {
    return fail("noName");
  }
  const colon = label.indexOf(":");
  const labelIssuer = colon >= 0 ? label.slice(0, colon).trim() : "";
  const accountName = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  const issuer = (url.searchParams.get("issuer") ?? labelIssuer).trim();
  const names = checkNames(issuer, accountName);
  if (names) return fail(names);

  const algorithmParam = url.searchParams.get("algorithm");
  const algorithm = algorithmParam === null ? DEFAULT_TOTP.algorithm : ALGORITHM_NAMES[algorithmParam.toUpperCase()];
  if (!algorithm || !TOTP_ALGORITHMS.includes(algorithm)) return fail("algorithm");
  const digits = url.searchParams.has("digits") ? Number(url.searchParams.get("digits")) : DEFAULT_TOTP.digits;
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) return fail("digits");
  const period = url.searchParams.has("period") ? Number(url.searchParams.get("period")) : DEFAULT_TOTP.period;
  if (!Number.isInteger(period) || period < 15 || period > 120) return fail("period");

  return { ok: true, setup: { issuer, accountName, secret: key.secret, settings: { algorithm, digits, period } } };
}

/** The key typed by hand ("ABCD EFGH …"), with the account's name and, optionally, the organisation. */
export function setupFromKey(input: { accountName: string; issuer: string; key: string }): SetupResult {
  const accountName = input.accountName.trim();
  const issuer = input.issuer.trim();
  const names = checkNames(issuer, accountName);
  if (names) return fail(names);
  const key = decodeKey(input.key);
  if (!key.ok) return fail(key.problem);
  return { ok: true, setup: { issuer, accountName, secret: key.secret, settings: DEFAULT_TOTP } };
}

/** The name an account starts with: its organisation and account, as the list shows it. */
export function defaultLabel(setup: Pick<AccountSetup, "issuer" | "accountName">): string {
  return setup.issuer ? `${setup.issuer} (${setup.accountName})` : setup.accountName;
}
