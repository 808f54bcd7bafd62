/**
 * The companion authenticator (app/authenticator) and the portal on their origins. In production
 * the authenticator has an origin of its own (AUTHENTICATOR_URL), so no portal page shares its
 * storage: its address on the portal's origin sends people there, and its origin serves nothing of
 * the portal. Without an origin of its own, demo mode serves it on the portal's origin and
 * production serves it nowhere. Pure, so proxy.ts and the portal's links share one rule.
 */
import type { AppEnv } from "../core/env";

export const AUTHENTICATOR_PATH = "/authenticator";

export function isAuthenticatorPath(pathname: string): boolean {
  return pathname === AUTHENTICATOR_PATH || pathname.startsWith(`${AUTHENTICATOR_PATH}/`);
}

type OriginEnv = Pick<AppEnv, "mode" | "publicUrl" | "authenticatorUrl">;

/** Where the portal sends people for the companion authenticator; null when there is none. */
export function companionAuthenticatorUrl(env: OriginEnv): string | null {
  if (env.authenticatorUrl) return new URL(AUTHENTICATOR_PATH, env.authenticatorUrl).href;
  return env.mode === "demo" ? AUTHENTICATOR_PATH : null;
}

export type OriginDecision = { kind: "serve" } | { kind: "redirect"; to: string } | { kind: "not-found" };

/** What a request gets, by the host it came to and its path. */
export function routeByOrigin(env: OriginEnv, request: { method: string; host: string | null; pathname: string; search: string }): OriginDecision {
  const forAuthenticator = isAuthenticatorPath(request.pathname);
  const safe = request.method === "GET" || request.method === "HEAD";
  const to = (origin: URL) => (safe ? { kind: "redirect" as const, to: new URL(`${request.pathname}${request.search}`, origin).href } : { kind: "not-found" as const });

  if (!env.authenticatorUrl) return forAuthenticator && env.mode !== "demo" ? { kind: "not-found" } : { kind: "serve" };
  const onAuthenticatorOrigin = request.host !== null && request.host.toLowerCase() === env.authenticatorUrl.host;
  if (onAuthenticatorOrigin) return forAuthenticator ? { kind: "serve" } : to(env.publicUrl);
  return forAuthenticator ? to(env.authenticatorUrl) : { kind: "serve" };
}

/**
 * The origin the companion authenticator runs on: its own (AUTHENTICATOR_URL), or the portal's
 * when it has none (demo). What a device is told to open (push activation) and calls the device
 * API from.
 */
export function authenticatorOrigin(env: Pick<AppEnv, "publicUrl" | "authenticatorUrl">): URL {
  return env.authenticatorUrl ?? env.publicUrl;
}
