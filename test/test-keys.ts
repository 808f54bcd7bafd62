/** Fixed keys for tests only (never used outside the test runners). */
export const TEST_KEYS = {
  AUTH_SECRET: "test-auth-secret-test-auth-secret-0123456789",
  ENCRYPTION_KEYS: `1:${Buffer.alloc(32, 7).toString("base64")}`,
  HASH_KEY: Buffer.alloc(32, 9).toString("base64"),
  VAPID_PUBLIC_KEY: "BLMCQbC-IXJ8vTZC9qkzRt6ve_QWnQfwULHRZFv-bkVZXYQyL8DcwW4nY-M8CUvzexhF9Z9rQ1Op74b25aos8bE",
  VAPID_PRIVATE_KEY: "2kK7YR4gFapOndG0mjcRBUUbqzy_FHttAz7eYoSqAbQ",
};
