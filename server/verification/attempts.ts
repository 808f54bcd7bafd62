/** Sign-in attempt lifetimes (PRODUCT.md). */
export const ATTEMPT_TTL_SECONDS = 10 * 60;
export const COMPLETION_TOKEN_TTL_SECONDS = 60;
export const ATTEMPT_COOKIE_DOMAIN = "attempt-cookie";
export const COMPLETION_TOKEN_DOMAIN = "completion-token";
