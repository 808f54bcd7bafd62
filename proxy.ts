import createIntlMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "./i18n/routing";
import { getEnv } from "./server/core/env";
import { authenticatorOrigin, isAuthenticatorPath, routeByOrigin } from "./server/http/authenticator-origin";
import { contentSecurityPolicy, originAllowed, staticSecurityHeaders } from "./server/http/security-headers";

const intl = createIntlMiddleware(routing);

/** The device API the companion authenticator calls: from its own origin too (AUTHENTICATOR_URL), signed by the device key, no cookies. */
const DEVICE_API = "/api/authenticator/";

function deviceApiOrigin(request: NextRequest): string | null {
  // Without an origin of its own (demo on the portal's origin) the authenticator calls from PUBLIC_URL's: nothing to allow.
  const origin = authenticatorOrigin(getEnv()).origin;
  return request.nextUrl.pathname.startsWith(DEVICE_API) && origin !== getEnv().publicUrl.origin ? origin : null;
}

function allowedOrigins(request: NextRequest): string[] {
  const env = getEnv();
  const origins = [env.publicUrl.origin];
  const device = deviceApiOrigin(request);
  if (device) origins.push(device);
  // In demo mode the app may be opened on another host name or port than PUBLIC_URL says.
  if (env.mode === "demo" && request.headers.get("host")) origins.push(`${request.nextUrl.protocol}//${request.headers.get("host")}`);
  return origins;
}

/** Around every request: Origin check, security headers, nonce-based CSP, locale routing, no-store. */
export function proxy(request: NextRequest) {
  const env = getEnv();
  const https = env.publicUrl.protocol === "https:";
  const ok = originAllowed({
    method: request.method,
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    allowedOrigins: allowedOrigins(request),
  });
  if (!ok) {
    const refused = NextResponse.json({ error: { code: "ORIGIN_REJECTED", message: "Cross-origin request refused / Verzoek van een andere website geweigerd" } }, { status: 403 });
    for (const [name, value] of Object.entries(staticSecurityHeaders({ https }))) refused.headers.set(name, value);
    return refused;
  }

  // The companion authenticator and the portal each on their own origin (when it has one).
  const { pathname, search } = request.nextUrl;
  const placement = routeByOrigin(env, { method: request.method, host: request.headers.get("host"), pathname, search });
  if (placement.kind !== "serve") {
    const elsewhere = placement.kind === "redirect" ? NextResponse.redirect(placement.to, 308) : new NextResponse(null, { status: 404 });
    for (const [name, value] of Object.entries(staticSecurityHeaders({ https }))) elsewhere.headers.set(name, value);
    return elsewhere;
  }

  // The authenticator on its own origin: CORS for the device API only (JSON bodies need a preflight).
  const corsOrigin = deviceApiOrigin(request) === request.headers.get("origin") ? deviceApiOrigin(request) : null;
  if (corsOrigin && request.method === "OPTIONS") {
    const preflight = new NextResponse(null, { status: 204 });
    preflight.headers.set("Access-Control-Allow-Origin", corsOrigin);
    preflight.headers.set("Access-Control-Allow-Methods", "GET, POST");
    preflight.headers.set("Access-Control-Allow-Headers", "content-type");
    preflight.headers.set("Access-Control-Max-Age", "600");
    preflight.headers.set("Vary", "Origin");
    return preflight;
  }

  const isApi = pathname.startsWith("/api/");
  // The authenticator has its own language segment (/authenticator/nl), outside the portal's locale routing.
  const isAuthenticator = isAuthenticatorPath(pathname);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: env.nodeEnv === "development", https, authenticator: isAuthenticator });
  if (!isApi) {
    // Next reads the nonce for its own scripts from the request's CSP header.
    request.headers.set("x-nonce", nonce);
    request.headers.set("content-security-policy", csp);
  }
  const response = isApi ? NextResponse.next() : isAuthenticator ? NextResponse.next({ request: { headers: request.headers } }) : intl(request);
  response.headers.set("Content-Security-Policy", isApi ? "default-src 'none'; frame-ancestors 'none'" : csp);
  for (const [name, value] of Object.entries(staticSecurityHeaders({ https }))) response.headers.set(name, value);
  // The device API's event stream must go out as it is written: never compressed (buffered) on the way.
  response.headers.set("Cache-Control", request.nextUrl.pathname.startsWith(DEVICE_API) ? "no-store, no-transform" : "no-store");
  if (corsOrigin) {
    response.headers.set("Access-Control-Allow-Origin", corsOrigin);
    response.headers.set("Vary", "Origin");
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
