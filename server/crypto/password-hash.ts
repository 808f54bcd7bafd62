import argon2 from "argon2";

/** argon2id at the OWASP minimum: m = 19456 KiB, t = 2, p = 1 (SECURITY-CHECKLIST G1). */
export const PASSWORD_HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalizePassword(password), PASSWORD_HASH_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, normalizePassword(password));
  } catch {
    return false;
  }
}

export function passwordNeedsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, PASSWORD_HASH_OPTIONS);
}

let dummyHash: Promise<string> | undefined;
/**
 * For unknown usernames we still verify against a hash with the same parameters, so the
 * response time does not tell whether an account exists.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= argon2.hash(`no-such-account-${Math.random()}`, PASSWORD_HASH_OPTIONS);
  return dummyHash;
}
