/**
 * The security headers of every response, and the Origin rule for non-GET requests.
 * Used by proxy.ts; pure functions so they are unit-tested.
 */
/**
 * `authenticator`: the companion authenticator's pages also run the QR scanner's decoder, a worker
 * its library starts from a blob: URL (a script of the page makes it; nothing from elsewhere).
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean; authenticator?: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // The dev server injects styles at run time; production serves stylesheets only.
    options.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    `worker-src 'self'${options.authenticator ? " blob:" : ""}`,
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function staticSecurityHeaders(options: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    // Not "no-referrer": under it browsers send "Origin: null" on our own form posts (sign out),
    // which the Origin check must refuse. "same-origin" still sends nothing to other sites.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Non-GET requests must come from our own pages: an Origin header, when present, must be one of
 * ours, and a browser's Sec-Fetch-Site must not say cross-site. Requests with neither header do
 * not come from a browser page, so they carry no ambient-credential risk.
 */
export function originAllowed(input: { method: string; origin: string | null; secFetchSite: string | null; allowedOrigins: string[] }): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (input.secFetchSite === "cross-site") return false;
  if (input.origin === null) return input.secFetchSite === null || input.secFetchSite === "same-origin" || input.secFetchSite === "none";
  return input.allowedOrigins.includes(input.origin);
}
