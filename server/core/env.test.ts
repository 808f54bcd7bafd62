import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";
import { TEST_KEYS } from "@/test/test-keys";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "tweestap-env-"));

describe("settings", () => {
  it("production refuses to start without keys and public URL, naming each missing setting", () => {
    expect(() => parseEnv({ TWEESTAP_MODE: "production" })).toThrow("missing settings: PUBLIC_URL, AUTH_SECRET, ENCRYPTION_KEYS, HASH_KEY");
    expect(() => parseEnv({ NODE_ENV: "production", PUBLIC_URL: "https://mfa.example.org", HASH_KEY: TEST_KEYS.HASH_KEY })).toThrow(
      "missing settings: AUTH_SECRET, ENCRYPTION_KEYS",
    );
  });

  it("production starts with its settings, never with the test clock or an in-memory database", () => {
    const env = parseEnv({ TWEESTAP_MODE: "production", PUBLIC_URL: "https://mfa.example.org", ...TEST_KEYS });
    expect(env.mode).toBe("production");
    expect(env.testClock).toBe(false);
    expect(env.secureCookies).toBe(true);
    expect(() => parseEnv({ TWEESTAP_MODE: "production", PUBLIC_URL: "https://x.example", TEST_CLOCK: "1", ...TEST_KEYS })).toThrow(EnvError);
    expect(() => parseEnv({ TWEESTAP_MODE: "production", PUBLIC_URL: "https://x.example", PGLITE_DIR: "memory://", ...TEST_KEYS })).toThrow(EnvError);
    expect(() => parseEnv({ TWEESTAP_MODE: "production", PUBLIC_URL: "http://mfa.example.org", ...TEST_KEYS })).toThrow("https");
  });

  it("demo mode generates development keys into the data directory once and reuses them", () => {
    const dir = tmp();
    const first = parseEnv({ DATA_DIR: dir });
    const second = parseEnv({ DATA_DIR: dir });
    expect(first.mode).toBe("demo");
    expect(first.authSecret).toBe(second.authSecret);
    expect(first.hashKey.equals(second.hashKey)).toBe(true);
    const stat = fs.statSync(path.join(dir, "dev-keys.json"));
    expect(stat.mode & 0o077).toBe(0);
  });

  it("reports malformed settings by name", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", DATA_DIR: tmp() })).toThrow("DATABASE_URL");
    expect(() => parseEnv({ HASH_KEY: "short", DATA_DIR: tmp() })).toThrow("HASH_KEY");
  });

  it("the test clock needs TEST_CLOCK=1 and demo mode", () => {
    expect(parseEnv({ DATA_DIR: tmp(), TEST_CLOCK: "1" }).testClock).toBe(true);
    expect(parseEnv({ DATA_DIR: tmp() }).testClock).toBe(false);
  });

  it("encryption keys: the highest version encrypts", () => {
    const k = Buffer.alloc(32, 1).toString("base64");
    const env = parseEnv({ DATA_DIR: tmp(), ENCRYPTION_KEYS: `1:${k},3:${k}`, HASH_KEY: TEST_KEYS.HASH_KEY, AUTH_SECRET: TEST_KEYS.AUTH_SECRET });
    expect(env.currentKeyVersion).toBe(3);
  });
});

describe("delivery providers", () => {
  it("demo uses the simulated phone and mailbox; production refuses them and knows no others by accident", () => {
    expect(parseEnv({ DATA_DIR: tmp() }).deliveryProviders).toEqual({ sms: ["simulated"], voice: ["simulated"], email: ["simulated"] });
    const production = { TWEESTAP_MODE: "production", PUBLIC_URL: "https://mfa.example.org", ...TEST_KEYS };
    expect(parseEnv(production).deliveryProviders).toEqual({ sms: [], voice: [], email: [] });
    expect(() => parseEnv({ ...production, EMAIL_PROVIDERS: "simulated" })).toThrow("EMAIL_PROVIDERS names the simulated provider");
    expect(() => parseEnv({ DATA_DIR: tmp(), SMS_PROVIDERS: "carrier-pigeon" })).toThrow('unknown provider "carrier-pigeon"');
  });
});

describe("HTTP providers", () => {
  it("are configured as JSON, named in the channel lists, and validated by name", () => {
    const providers = JSON.stringify([{ name: "carrier-a", url: "https://sms.example.net/v1", secret: "s".repeat(32) }]);
    const env = parseEnv({ DATA_DIR: tmp(), DELIVERY_HTTP_PROVIDERS: providers, SMS_PROVIDERS: "carrier-a,simulated" });
    expect(env.deliveryProviders.sms).toEqual(["carrier-a", "simulated"]);
    expect(env.httpProviders[0]).toMatchObject({ name: "carrier-a", timeoutMs: 5000 });
    expect(env.httpProviders[0]!.url.toString()).toBe("https://sms.example.net/v1/");
    expect(() => parseEnv({ DATA_DIR: tmp(), DELIVERY_HTTP_PROVIDERS: "not json" })).toThrow("must be JSON");
    expect(() => parseEnv({ DATA_DIR: tmp(), DELIVERY_HTTP_PROVIDERS: JSON.stringify([{ name: "x", url: "nope", secret: "short" }]) })).toThrow("DELIVERY_HTTP_PROVIDERS");
    expect(() => parseEnv({ DATA_DIR: tmp(), EMAIL_PROVIDERS: "carrier-a", DELIVERY_HTTP_PROVIDERS: providers })).toThrow('unknown provider "carrier-a"');
  });

  it("production mode refuses a provider without https, loopback included; demo mode takes a local http stub", () => {
    const production = { TWEESTAP_MODE: "production", PUBLIC_URL: "https://mfa.example.org", ...TEST_KEYS };
    const at = (url: string) => JSON.stringify([{ name: "carrier-a", url, secret: "s".repeat(32) }]);
    expect(() => parseEnv({ ...production, DELIVERY_HTTP_PROVIDERS: at("http://sms.example.net/v1"), SMS_PROVIDERS: "carrier-a" })).toThrow("must use https");
    expect(() => parseEnv({ ...production, DELIVERY_HTTP_PROVIDERS: at("http://127.0.0.1:8080/"), SMS_PROVIDERS: "carrier-a" })).toThrow("must use https");
    expect(parseEnv({ ...production, DELIVERY_HTTP_PROVIDERS: at("https://sms.example.net/v1"), SMS_PROVIDERS: "carrier-a" }).httpProviders).toHaveLength(1);
    expect(parseEnv({ DATA_DIR: tmp(), DELIVERY_HTTP_PROVIDERS: at("http://127.0.0.1:8080/") }).httpProviders[0]!.url.protocol).toBe("http:");
    expect(() => parseEnv({ DATA_DIR: tmp(), DELIVERY_HTTP_PROVIDERS: at("ftp://sms.example.net/") })).toThrow("https or http");
  });
});

describe("SMTP", () => {
  it("the smtp email provider exists only with SMTP_URL, and production accepts it", () => {
    expect(() => parseEnv({ DATA_DIR: tmp(), EMAIL_PROVIDERS: "smtp" })).toThrow('unknown provider "smtp"');
    const production = { TWEESTAP_MODE: "production", PUBLIC_URL: "https://mfa.example.org", ...TEST_KEYS };
    const env = parseEnv({ ...production, EMAIL_PROVIDERS: "smtp", SMTP_URL: "smtps://mailer:secret@smtp.example.org:465" });
    expect(env.deliveryProviders.email).toEqual(["smtp"]);
    expect(env.smtp).toEqual({ url: "smtps://mailer:secret@smtp.example.org:465", from: "Tweestap <no-reply@mfa.example.org>" });
    expect(() => parseEnv({ ...production, SMTP_URL: "http://nope" })).toThrow("SMTP_URL");
  });
});

describe("the companion authenticator's origin", () => {
  const production = { TWEESTAP_MODE: "production", PUBLIC_URL: "https://mfa.example.org", ...TEST_KEYS };

  it("is its own origin (a path is dropped), or none", () => {
    expect(parseEnv({ ...production, AUTHENTICATOR_URL: "https://app.mfa.example.org/anything" }).authenticatorUrl?.href).toBe("https://app.mfa.example.org/");
    expect(parseEnv(production).authenticatorUrl).toBeNull();
  });

  it("production wants https and an origin that is not the portal's", () => {
    expect(() => parseEnv({ ...production, AUTHENTICATOR_URL: "http://app.mfa.example.org" })).toThrow("AUTHENTICATOR_URL must use https");
    expect(() => parseEnv({ ...production, AUTHENTICATOR_URL: "https://mfa.example.org/authenticator" })).toThrow("origin of its own");
  });

  it("in demo mode the portal's own origin means none of its own", () => {
    expect(parseEnv({ DATA_DIR: tmp(), PUBLIC_URL: "http://localhost:3000", AUTHENTICATOR_URL: "http://localhost:3000" }).authenticatorUrl).toBeNull();
    expect(parseEnv({ DATA_DIR: tmp(), PUBLIC_URL: "http://localhost:3000", AUTHENTICATOR_URL: "http://127.0.0.1:3000" }).authenticatorUrl?.origin).toBe("http://127.0.0.1:3000");
  });
});
