/** Fixed keys for tests only (never used outside the test runners). */
export const TEST_KEYS = {
  AUTH_SECRET: "test-auth-secret-test-auth-secret-0123456789",
  ENCRYPTION_KEYS: `1:${Buffer.alloc(32, 7).toString("base64")}`,
  HASH_KEY: Buffer.alloc(32, 9).toString("base64"),
};
