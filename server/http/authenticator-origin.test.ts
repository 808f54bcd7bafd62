import { describe, expect, it } from "vitest";
import { companionAuthenticatorUrl, routeByOrigin } from "./authenticator-origin";

const portal = new URL("https://mfa.example.org");
const own = new URL("https://app.mfa.example.org");
const get = (host: string | null, pathname: string, search = "") => ({ method: "GET", host, pathname, search });

describe("the companion authenticator's origin", () => {
  it("with an origin of its own: each origin serves its own pages and sends the rest to the other", () => {
    const env = { mode: "production" as const, publicUrl: portal, authenticatorUrl: own };
    expect(routeByOrigin(env, get("app.mfa.example.org", "/authenticator/nl"))).toEqual({ kind: "serve" });
    expect(routeByOrigin(env, get("APP.mfa.example.org", "/authenticator"))).toEqual({ kind: "serve" });
    expect(routeByOrigin(env, get("mfa.example.org", "/nl/sign-in"))).toEqual({ kind: "serve" });
    expect(routeByOrigin(env, get("mfa.example.org", "/authenticator/en", "?x=1"))).toEqual({ kind: "redirect", to: "https://app.mfa.example.org/authenticator/en?x=1" });
    expect(routeByOrigin(env, get("app.mfa.example.org", "/nl/security-info"))).toEqual({ kind: "redirect", to: "https://mfa.example.org/nl/security-info" });
    // "/authenticatorx" is not the authenticator; a post is never redirected.
    expect(routeByOrigin(env, get("app.mfa.example.org", "/authenticatorx"))).toEqual({ kind: "redirect", to: "https://mfa.example.org/authenticatorx" });
    expect(routeByOrigin(env, { ...get("app.mfa.example.org", "/api/session/sign-out"), method: "POST" })).toEqual({ kind: "not-found" });
    expect(companionAuthenticatorUrl(env)).toBe("https://app.mfa.example.org/authenticator");
  });

  it("without one: demo serves it on the portal's origin, production nowhere", () => {
    const demo = { mode: "demo" as const, publicUrl: portal, authenticatorUrl: null };
    expect(routeByOrigin(demo, get("mfa.example.org", "/authenticator/nl"))).toEqual({ kind: "serve" });
    expect(companionAuthenticatorUrl(demo)).toBe("/authenticator");
    const production = { ...demo, mode: "production" as const };
    expect(routeByOrigin(production, get("mfa.example.org", "/authenticator/nl"))).toEqual({ kind: "not-found" });
    expect(routeByOrigin(production, get("mfa.example.org", "/nl/sign-in"))).toEqual({ kind: "serve" });
    expect(companionAuthenticatorUrl(production)).toBeNull();
  });
});
