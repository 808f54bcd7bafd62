import { expect, type BrowserContext, type Cookie } from "@playwright/test";

/** Session cookie name: plain over http (these tests), `__Host-` prefixed under https. */
export const SESSION_COOKIE = /^(__Host-)?tweestap\.session$/;

/** The browser's session cookie (what an attacker would steal). */
export async function sessionCookieOf(context: BrowserContext): Promise<Cookie> {
  const cookie = (await context.cookies()).find((c) => SESSION_COOKIE.test(c.name));
  expect(cookie, "the browser holds a session cookie after signing in").toBeDefined();
  return cookie!;
}

/** GET /api/trpc/session.me as this context (its cookies, its address); returns the status. */
export async function sessionMeStatus(context: BrowserContext): Promise<number> {
  const response = await context.request.get("/api/trpc/session.me");
  return response.status();
}
