/** One rule for usernames: NFKC, trimmed, lower case. Used at sign-in, setup and seeding. */
export function normalizeUsername(value: string): string {
  return value.normalize("NFKC").trim().toLowerCase();
}
