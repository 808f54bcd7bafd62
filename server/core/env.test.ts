import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_PUSH_SERVICE_HOSTS, EnvError, generateVapidKeys, parseEnv } from "./env";
import { TEST_KEYS } from "@/test/test-keys";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "tweestap-env-"));

describe("settings", () => {
  it("production refuses to start without keys and public URL, naming each missing setting", () => {
    expect(() => parseEnv({ TWEESTAP_MODE: "production" })).toThrow("missing settings: PUBLIC_URL, AUTH_SECRET, ENCRYPTION_KEYS, HASH_KEY, VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY");
    expect(() => parseEnv({ NODE_ENV: "production", PUBLIC_URL: "https://mfa.example.org", HASH_KEY: TEST_KEYS.HASH_KEY })).toThrow(
      "missing settings: AUTH_SECRET, ENCRYPTION_KEYS, VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY",
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
    expect(parseEnv({ DATA_DIR: tmp() }).deliveryProviders).toEqual({ sms: ["simulated"], voice: ["simulated"], email: ["simulated"], push: ["web-push"] });
    const production = { TWEESTAP_MODE: "production", PUBLIC_URL: "https://mfa.example.org", ...TEST_KEYS };
    expect(parseEnv(production).deliveryProviders).toEqual({ sms: [], voice: [], email: [], push: ["web-push"] });
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

describe("Web Push (VAPID)", () => {
  const production = { TWEESTAP_MODE: "production", PUBLIC_URL: "https://mfa.example.org", ...TEST_KEYS };

  it("demo mode generates a VAPID key pair into the data directory once and keeps it", () => {
    const dir = tmp();
    const first = parseEnv({ DATA_DIR: dir });
    expect(parseEnv({ DATA_DIR: dir }).webPush).toEqual(first.webPush);
    expect(first.webPush.publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    expect(first.webPush.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(path.join(dir, "vapid-keys.json")).mode & 0o077).toBe(0);
    // A data directory from before push (dev-keys.json only) gets its pair beside the other keys.
    const older = tmp();
    fs.writeFileSync(
      path.join(older, "dev-keys.json"),
      JSON.stringify({ AUTH_SECRET: TEST_KEYS.AUTH_SECRET, ENCRYPTION_KEYS: TEST_KEYS.ENCRYPTION_KEYS, HASH_KEY: TEST_KEYS.HASH_KEY }),
    );
    expect(parseEnv({ DATA_DIR: older }).webPush.publicKey).toMatch(/^B/);
  });

  it("the subject is the https public URL, or a mailto: address when the URL is not https; VAPID_SUBJECT overrides it", () => {
    expect(parseEnv(production).webPush).toMatchObject({ publicKey: TEST_KEYS.VAPID_PUBLIC_KEY, subject: "https://mfa.example.org" });
    expect(parseEnv({ DATA_DIR: tmp(), PORT: "3100" }).webPush.subject).toBe("mailto:no-reply@localhost");
    expect(parseEnv({ ...production, VAPID_SUBJECT: "mailto:security@example.org" }).webPush.subject).toBe("mailto:security@example.org");
    expect(() => parseEnv({ ...production, VAPID_SUBJECT: "http://example.org" })).toThrow("VAPID_SUBJECT");
  });

  it("refuses a private key that does not belong to the public key, and half a pair", () => {
    const other = generateVapidKeys();
    expect(() => parseEnv({ ...production, VAPID_PUBLIC_KEY: other.publicKey })).toThrow("VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY");
    expect(() => parseEnv({ ...production, VAPID_PRIVATE_KEY: "short" })).toThrow("VAPID_PRIVATE_KEY");
    expect(() => parseEnv({ DATA_DIR: tmp(), VAPID_PUBLIC_KEY: other.publicKey })).toThrow("together");
    expect(parseEnv({ DATA_DIR: tmp(), VAPID_PUBLIC_KEY: other.publicKey, VAPID_PRIVATE_KEY: other.privateKey }).webPush.publicKey).toBe(other.publicKey);
  });

  it("production sends only to the browsers' push services unless PUSH_SERVICE_HOSTS says otherwise; demo anywhere", () => {
    expect(parseEnv(production).webPush.serviceHosts).toEqual([...DEFAULT_PUSH_SERVICE_HOSTS]);
    expect(parseEnv({ ...production, PUSH_SERVICE_HOSTS: "push.example.org,fcm.googleapis.com" }).webPush.serviceHosts).toEqual(["push.example.org", "fcm.googleapis.com"]);
    expect(() => parseEnv({ ...production, PUSH_SERVICE_HOSTS: "https://push.example.org" })).toThrow("PUSH_SERVICE_HOSTS");
    expect(parseEnv({ DATA_DIR: tmp() }).webPush.serviceHosts).toBeNull();
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
