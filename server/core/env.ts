/**
 * The only reader of process.env. Everything the app needs from its environment is validated
 * here, once, at start (scripts/serve.ts calls loadEnv() before it listens).
 *
 * Demo mode (the README's run command) generates development keys into DATA_DIR.
 * Production mode refuses to start without its keys and public URL.
 */
import { createECDH, randomBytes } from "node:crypto";
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
   * Where the companion authenticator (app/authenticator) is served in production: its own origin,
   * so no portal page shares its storage. Null: on the portal's origin (demo) or not at all (production).
   */
  authenticatorUrl: URL | null;
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
  deliveryProviders: { sms: string[]; voice: string[]; email: string[]; push: string[] };
  /** Text and voice providers reached over our documented HTTP contract (README, "Delivery"). */
  httpProviders: HttpProviderConfig[];
  /** The mail server for the `smtp` email provider. */
  smtp: { url: string; from: string } | null;
  /** Web Push: our VAPID key pair (RFC 8292) and the contact the push services see. */
  webPush: WebPushConfig;
}

export interface WebPushConfig {
  /** P-256 public key, base64url (65 bytes, uncompressed): the browser's applicationServerKey. */
  publicKey: string;
  /** Its private key, base64url (32 bytes): signs the VAPID token. */
  privateKey: string;
  /** The `sub` of the VAPID token: an https: URL or a mailto: address. */
  subject: string;
  /**
   * The push services we send to (a host and its subdomains); null: any (demo mode's default).
   * A subscription names its own endpoint, so production sends only to these.
   */
  serviceHosts: string[] | null;
}

/** The push services of the browsers people use (Chrome, Edge, Firefox, Safari): production's default. */
export const DEFAULT_PUSH_SERVICE_HOSTS = ["fcm.googleapis.com", "updates.push.services.mozilla.com", "web.push.apple.com", "notify.windows.com"] as const;

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
const vapidPublicKeySchema = z.string().regex(/^B[A-Za-z0-9_-]{86}$/, "must be a P-256 public key in base64url (65 bytes, uncompressed)");
const vapidPrivateKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a P-256 private key in base64url (32 bytes)");

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
  VAPID_PUBLIC_KEY: vapidPublicKeySchema.optional(),
  VAPID_PRIVATE_KEY: vapidPrivateKeySchema.optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(https:\/\/|mailto:)\S+$/, "must be an https: URL or a mailto: address")
    .optional(),
  PUSH_SERVICE_HOSTS: z
    .string()
    .regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/, "must be host names separated by commas")
    .optional(),
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

const REQUIRED_IN_PRODUCTION = ["PUBLIC_URL", "AUTH_SECRET", "ENCRYPTION_KEYS", "HASH_KEY", "VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"] as const;

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

interface VapidKeys {
  VAPID_PUBLIC_KEY: string;
  VAPID_PRIVATE_KEY: string;
}

/** A new VAPID key pair (P-256), as `npx web-push generate-vapid-keys` prints it. */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  // A private key with leading zero bytes comes out short: VAPID wants all 32.
  const privateKey = Buffer.alloc(32);
  const raw = ecdh.getPrivateKey();
  raw.copy(privateKey, 32 - raw.length);
  return { publicKey: ecdh.getPublicKey().toString("base64url"), privateKey: privateKey.toString("base64url") };
}

/**
 * Demo mode's VAPID key pair, in its own file beside dev-keys.json (a data directory from before
 * push has that file already). Changing the pair unsubscribes every browser, so it is kept.
 */
function readOrCreateVapidKeys(dataDir: string): VapidKeys {
  const file = path.join(dataDir, "vapid-keys.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as VapidKeys;
  fs.mkdirSync(dataDir, { recursive: true });
  const pair = generateVapidKeys();
  const keys: VapidKeys = { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey };
  try {
    fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: "wx" });
  } catch {
    return JSON.parse(fs.readFileSync(file, "utf8")) as VapidKeys;
  }
  return keys;
}

/** The VAPID settings, checked: the private key must be a P-256 key whose public key is the one given. */
function webPushConfig(keys: VapidKeys, subject: string | undefined, hosts: string | undefined, mode: AppMode, publicUrl: URL): WebPushConfig {
  const ecdh = createECDH("prime256v1");
  let derived: string;
  try {
    ecdh.setPrivateKey(Buffer.from(keys.VAPID_PRIVATE_KEY, "base64url"));
    derived = ecdh.getPublicKey().toString("base64url");
  } catch {
    throw new EnvError("VAPID_PRIVATE_KEY is not a P-256 private key.");
  }
  if (derived !== keys.VAPID_PUBLIC_KEY) throw new EnvError("VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY.");
  return {
    publicKey: keys.VAPID_PUBLIC_KEY,
    privateKey: keys.VAPID_PRIVATE_KEY,
    // Push services accept an https: URL or a mailto: address; demo's http://localhost is neither.
    subject: subject ?? (publicUrl.protocol === "https:" ? publicUrl.origin : `mailto:no-reply@${publicUrl.hostname}`),
    serviceHosts: hosts ? hosts.split(",") : mode === "production" ? [...DEFAULT_PUSH_SERVICE_HOSTS] : null,
  };
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

/**
 * The companion authenticator's own origin (only its origin counts: it is served at
 * <origin>/authenticator). Production: https, and not the portal's origin. The same origin as
 * the portal in demo mode means "no origin of its own".
 */
function parseAuthenticatorUrl(value: string | undefined, publicUrl: URL, mode: AppMode): URL | null {
  if (!value) return null;
  const url = new URL(new URL(value).origin);
  if (mode === "production" && url.protocol !== "https:" && !isLocalHost(url)) {
    throw new EnvError("Tweestap refuses to start in production mode: AUTHENTICATOR_URL must use https.");
  }
  if (url.origin === publicUrl.origin) {
    if (mode === "production") {
      throw new EnvError(
        "Tweestap refuses to start in production mode: AUTHENTICATOR_URL must be an origin of its own, not PUBLIC_URL's (the authenticator's storage must not be shared with the portal).",
      );
    }
    return null;
  }
  return url;
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

  let keys: { AUTH_SECRET?: string; ENCRYPTION_KEYS?: string; HASH_KEY?: string; VAPID_PUBLIC_KEY?: string; VAPID_PRIVATE_KEY?: string } = raw;
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
    if (Boolean(raw.VAPID_PUBLIC_KEY) !== Boolean(raw.VAPID_PRIVATE_KEY)) throw new EnvError("Set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY together (or neither in demo mode).");
    if (!raw.VAPID_PUBLIC_KEY) keys = { ...keys, ...readOrCreateVapidKeys(raw.DATA_DIR) };
    publicUrlText ??= `http://localhost:${raw.PORT}`;
  }

  const publicUrl = new URL(publicUrlText!);
  if (mode === "production" && publicUrl.protocol !== "https:" && !isLocalHost(publicUrl)) {
    throw new EnvError("Tweestap refuses to start in production mode: PUBLIC_URL must use https.");
  }
  const authenticatorUrl = parseAuthenticatorUrl(raw.AUTHENTICATOR_URL, publicUrl, mode);
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
      // Web Push has one provider, in both modes: its keys are required in production, generated in demo.
      push: ["web-push"],
    },
    httpProviders,
    smtp: raw.SMTP_URL ? { url: raw.SMTP_URL, from: raw.SMTP_FROM ?? `Tweestap <no-reply@${publicUrl.hostname}>` } : null,
    webPush: webPushConfig({ VAPID_PUBLIC_KEY: keys.VAPID_PUBLIC_KEY!, VAPID_PRIVATE_KEY: keys.VAPID_PRIVATE_KEY! }, raw.VAPID_SUBJECT, raw.PUSH_SERVICE_HOSTS, mode, publicUrl),
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
