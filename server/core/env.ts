/**
 * The only reader of process.env. Everything the app needs from its environment is validated
 * here, once, at start (scripts/serve.ts calls loadEnv() before it listens).
 *
 * Demo mode (the README's run command) generates development keys into DATA_DIR.
 * Production mode refuses to start without its keys and public URL.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { z } from "zod";

export type AppMode = "demo" | "production";

export interface AppEnv {
  mode: AppMode;
  nodeEnv: "development" | "production" | "test";
  publicUrl: URL;
  /**
   * Where the companion authenticator is served (AUTHENTICATOR_URL): its own origin in production,
   * so no portal page shares its storage; the portal's origin when not set (demo, tests).
   */
  authenticatorUrl: URL;
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  /** PGlite data directory, or "memory://" in tests. */
  pgliteDir: string;
  authSecret: string;
  /** Encryption keys by version; the highest version encrypts, all decrypt. */
  encryptionKeys: ReadonlyMap<number, Buffer>;
  currentKeyVersion: number;
  /** HMAC key for codes, tokens and cookie bindings. */
  hashKey: Buffer;
  trustedProxies: string[];
  /** True only when our own server (scripts/serve.ts) sets the peer-address header. */
  peerHeaderTrusted: boolean;
  testClock: boolean;
  instanceId: string;
  dbPoolMax: number;
  secureCookies: boolean;
  /** Ordered provider names per channel (failover); an empty list turns the channel off. */
  deliveryProviders: { sms: string[]; voice: string[]; email: string[] };
  /** Text and voice providers reached over our documented HTTP contract (README, "Delivery"). */
  httpProviders: HttpProviderConfig[];
  /** The mail server for the `smtp` email provider. */
  smtp: { url: string; from: string } | null;
}

export interface HttpProviderConfig {
  name: string;
  url: URL;
  /** Shared secret for request and callback signatures (HMAC-SHA-256). */
  secret: string;
  timeoutMs: number;
  /** The number or name people see texts and calls come from (the "no code" wizard lists them). */
  senders: { sms?: string; voice?: string };
}

const httpProvidersSchema = z.array(
  z.strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
    url: z.url(),
    secret: z.string().min(32),
    timeoutMs: z.number().int().min(100).max(30_000).default(5000),
    senders: z.strictObject({ sms: z.string().min(2).max(40).optional(), voice: z.string().min(2).max(40).optional() }).default({}),
  }),
);

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

const keySchema = z.string().regex(/^[A-Za-z0-9+/_-]{43}=?$/, "must be 32 random bytes in base64");

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  TWEESTAP_MODE: z.enum(["demo", "production"]).optional(),
  PUBLIC_URL: z.url().optional(),
  AUTHENTICATOR_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  PGLITE_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ENCRYPTION_KEYS: z
    .string()
    .regex(/^\d+:[A-Za-z0-9+/_=-]+(,\d+:[A-Za-z0-9+/_=-]+)*$/, "must look like 1:<base64>,2:<base64>")
    .optional(),
  HASH_KEY: keySchema.optional(),
  TRUSTED_PROXIES: z.string().default(""),
  TEST_CLOCK: z.enum(["0", "1"]).optional(),
  INSTANCE_ID: z.string().min(1).max(64).optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  HOST: z.string().min(1).default("0.0.0.0"),
  TWEESTAP_OWN_SERVER: z.enum(["0", "1"]).optional(),
  DELIVERY_HTTP_PROVIDERS: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  SMTP_FROM: z.string().min(3).optional(),
  SMS_PROVIDERS: z.string().optional(),
  VOICE_PROVIDERS: z.string().optional(),
  EMAIL_PROVIDERS: z.string().optional(),
});

/**
 * HTTP providers carry the codes and the signing secret: production mode talks to them over https
 * only (no exception, not even for a loopback address); demo mode also takes http (a local stub).
 */
function parseHttpProviders(value: string | undefined, mode: AppMode): HttpProviderConfig[] {
  if (!value) return [];
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new EnvError('DELIVERY_HTTP_PROVIDERS must be JSON: [{"name", "url", "secret", "timeoutMs"}]');
  }
  const parsed = httpProvidersSchema.safeParse(json);
  if (!parsed.success) throw new EnvError(`DELIVERY_HTTP_PROVIDERS: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const providers = parsed.data.map((p) => ({ ...p, url: new URL(p.url.endsWith("/") ? p.url : `${p.url}/`) }));
  for (const provider of providers) {
    const allowed = mode === "production" ? ["https:"] : ["https:", "http:"];
    if (!allowed.includes(provider.url.protocol)) {
      throw new EnvError(
        mode === "production"
          ? `Tweestap refuses to start in production mode: DELIVERY_HTTP_PROVIDERS "${provider.name}" must use https (production means https, also on a loopback address).`
          : `DELIVERY_HTTP_PROVIDERS "${provider.name}": the URL must use https or http.`,
      );
    }
  }
  return providers;
}

function providerList(name: string, value: string | undefined, mode: AppMode, known: string[]): string[] {
  const list = (value ?? (mode === "demo" ? "simulated" : ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const provider of list) {
    if (!known.includes(provider)) throw new EnvError(`${name}: unknown provider "${provider}" (known: ${known.join(", ")})`);
    if (provider === "simulated" && mode === "production") {
      throw new EnvError(`Tweestap refuses to start in production mode: ${name} names the simulated provider.`);
    }
  }
  return list;
}

const REQUIRED_IN_PRODUCTION = ["PUBLIC_URL", "AUTH_SECRET", "ENCRYPTION_KEYS", "HASH_KEY"] as const;

interface DevKeys {
  AUTH_SECRET: string;
  ENCRYPTION_KEYS: string;
  HASH_KEY: string;
}

function readOrCreateDevKeys(dataDir: string): DevKeys {
  const file = path.join(dataDir, "dev-keys.json");
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, "utf8")) as DevKeys;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const keys: DevKeys = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
    HASH_KEY: randomBytes(32).toString("base64"),
  };
  // "wx": two processes starting together never overwrite each other's keys.
  try {
    fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: "wx" });
  } catch {
    return JSON.parse(fs.readFileSync(file, "utf8")) as DevKeys;
  }
  return keys;
}

function parseKeys(value: string): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  for (const part of value.split(",")) {
    const [version, b64] = part.split(":") as [string, string];
    const key = Buffer.from(b64, "base64");
    if (key.length !== 32) throw new EnvError(`ENCRYPTION_KEYS: key version ${version} is not 32 bytes`);
    keys.set(Number(version), key);
  }
  return keys;
}

function isLocalHost(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** Validates a given environment. Exported for tests; the app uses getEnv(). */
export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Tweestap cannot start: invalid settings:\n${lines.join("\n")}`);
  }
  const raw = parsed.data;
  const mode: AppMode = raw.TWEESTAP_MODE ?? (raw.NODE_ENV === "production" ? "production" : "demo");

  let keys: { AUTH_SECRET?: string; ENCRYPTION_KEYS?: string; HASH_KEY?: string } = raw;
  let publicUrlText = raw.PUBLIC_URL;
  if (mode === "production") {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => !raw[name]);
    if (missing.length > 0) {
      throw new EnvError(
        `Tweestap refuses to start in production mode: missing settings: ${missing.join(", ")}. ` +
          `Generate keys with "openssl rand -base64 32" (ENCRYPTION_KEYS as "1:<key>"); see README.md, "Production".`,
      );
    }
    if (raw.PGLITE_DIR === "memory://") {
      throw new EnvError("Tweestap refuses to start in production mode: PGLITE_DIR=memory:// keeps nothing.");
    }
    if (raw.TEST_CLOCK === "1") {
      throw new EnvError("Tweestap refuses to start in production mode with TEST_CLOCK=1.");
    }
  } else {
    const needsKeys = !raw.AUTH_SECRET || !raw.ENCRYPTION_KEYS || !raw.HASH_KEY;
    if (needsKeys) keys = { ...readOrCreateDevKeys(raw.DATA_DIR), ...stripUndefined(raw) };
    publicUrlText ??= `http://localhost:${raw.PORT}`;
  }

  const publicUrl = new URL(publicUrlText!);
  if (mode === "production" && publicUrl.protocol !== "https:" && !isLocalHost(publicUrl)) {
    throw new EnvError("Tweestap refuses to start in production mode: PUBLIC_URL must use https.");
  }
  const authenticatorUrl = raw.AUTHENTICATOR_URL ? new URL(raw.AUTHENTICATOR_URL) : publicUrl;
  if (mode === "production" && authenticatorUrl.protocol !== "https:" && !isLocalHost(authenticatorUrl)) {
    throw new EnvError("Tweestap refuses to start in production mode: AUTHENTICATOR_URL must use https.");
  }
  const httpProviders = parseHttpProviders(raw.DELIVERY_HTTP_PROVIDERS, mode);
  const knownProviders = ["simulated", ...httpProviders.map((p) => p.name)];
  const encryptionKeys = parseKeys(keys.ENCRYPTION_KEYS!);
  const hashKey = Buffer.from(keys.HASH_KEY!, "base64");
  if (hashKey.length !== 32) throw new EnvError("HASH_KEY must be 32 bytes in base64");

  return {
    mode,
    nodeEnv: raw.NODE_ENV,
    publicUrl,
    authenticatorUrl,
    host: raw.HOST,
    port: raw.PORT,
    databaseUrl: raw.DATABASE_URL,
    dataDir: raw.DATA_DIR,
    pgliteDir: raw.PGLITE_DIR ?? path.join(raw.DATA_DIR, "pglite"),
    authSecret: keys.AUTH_SECRET!,
    encryptionKeys,
    currentKeyVersion: Math.max(...encryptionKeys.keys()),
    hashKey,
    trustedProxies: raw.TRUSTED_PROXIES.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    peerHeaderTrusted: raw.TWEESTAP_OWN_SERVER === "1",
    testClock: mode !== "production" && raw.TEST_CLOCK === "1",
    instanceId: raw.INSTANCE_ID ?? `${hostname()}:${process.pid}`,
    dbPoolMax: raw.DB_POOL_MAX,
    secureCookies: publicUrl.protocol === "https:",
    deliveryProviders: {
      sms: providerList("SMS_PROVIDERS", raw.SMS_PROVIDERS, mode, knownProviders),
      voice: providerList("VOICE_PROVIDERS", raw.VOICE_PROVIDERS, mode, knownProviders),
      email: providerList("EMAIL_PROVIDERS", raw.EMAIL_PROVIDERS, mode, raw.SMTP_URL ? ["simulated", "smtp"] : ["simulated"]),
    },
    httpProviders,
    smtp: raw.SMTP_URL ? { url: raw.SMTP_URL, from: raw.SMTP_FROM ?? `Tweestap <no-reply@${publicUrl.hostname}>` } : null,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const store = globalThis as unknown as { __tweestapEnv?: AppEnv };

/** The validated environment of this process (validated once, on first use). */
export function getEnv(): AppEnv {
  if (!store.__tweestapEnv) {
    const env = parseEnv(process.env);
    // next-auth 4 reads its URL from the environment itself.
    process.env.NEXTAUTH_URL ??= env.publicUrl.origin;
    store.__tweestapEnv = env;
  }
  return store.__tweestapEnv;
}

/** Tests only: forget the cached environment so the next getEnv() reads process.env again. */
export function resetEnvForTests(): void {
  delete store.__tweestapEnv;
}
