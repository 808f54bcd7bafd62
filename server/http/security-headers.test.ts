import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, originAllowed, staticSecurityHeaders } from "./security-headers";

describe("security headers", () => {
  it("the CSP allows only nonce'd scripts and forbids framing, plugins and base rewriting", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false, https: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("unsafe-inline");
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "upgrade-insecure-requests"]) {
      expect(csp).toContain(directive);
    }
  });

  it("workers come from our own scripts; only the companion authenticator's may also start one from a blob: URL (its QR decoder)", () => {
    expect(contentSecurityPolicy("n", { dev: false, https: true })).toContain("worker-src 'self';");
    expect(contentSecurityPolicy("n", { dev: false, https: true, authenticator: true })).toContain("worker-src 'self' blob:;");
  });

  it("HSTS (1 year) only over HTTPS", () => {
    expect(staticSecurityHeaders({ https: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(staticSecurityHeaders({ https: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("non-GET requests from another origin or a cross-site page are refused", () => {
    const allowedOrigins = ["https://mfa.example.org"];
    const check = (method: string, origin: string | null, secFetchSite: string | null = null) => originAllowed({ method, origin, secFetchSite, allowedOrigins });
    expect(check("POST", "https://mfa.example.org", "same-origin")).toBe(true);
    expect(check("POST", "https://evil.example")).toBe(false);
    expect(check("POST", "null")).toBe(false);
    expect(check("POST", null, "cross-site")).toBe(false);
    expect(check("POST", null, "same-site")).toBe(false);
    expect(check("DELETE", "https://mfa.example.org.evil.example")).toBe(false);
    expect(check("GET", "https://evil.example", "cross-site")).toBe(true);
    // Not from a browser page at all (no Origin, no Sec-Fetch-Site): no ambient credentials at risk.
    expect(check("POST", null, null)).toBe(true);
  });
});
