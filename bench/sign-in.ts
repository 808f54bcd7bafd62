/**
 * Benchmark: full sign-ins per second against the production build (`npm start`), printed beside
 * argon2id verifies per second measured in the same run on the same machine, as a ratio.
 * A sign-in here = password step + authenticator code step (tRPC) + next-auth completion (CSRF +
 * credentials callback) → session cookie. Each code works once, so the benchmark signs in a pool of
 * bench people (each with their own authenticator), each at most once per 30-second step.
 * Run: npm run bench (builds first if there is no build).
 */
import { spawn, execSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import argon2 from "argon2";
import { generate } from "otplib";
import { PASSWORD_HASH_OPTIONS } from "../server/crypto/password-hash";
import { DEMO_PASSWORD } from "../server/setup/demo-seed";

const POOL = 400;

const DURATION_MS = Number(process.argv[2] ?? 10_000);
const CONCURRENCY = 4;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function cookiesFrom(response: Response, jar: Map<string, string>) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const index = pair!.indexOf("=");
    jar.set(pair!.slice(0, index), pair!.slice(index + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

interface BenchPerson {
  username: string;
  seed: Uint8Array;
}

/** Creates the bench people in the (not yet served) data directory, then closes it for the server. */
async function createBenchPeople(dataDir: string): Promise<BenchPerson[]> {
  Object.assign(process.env, { TWEESTAP_MODE: "demo", DATA_DIR: dataDir });
  const { getDb, closeDb } = await import("../db/client");
  const { prepareApp } = await import("../server/startup");
  const schema = await import("../db/schema");
  const { newTotpSeed, sealTotpSeed } = await import("../server/verification/methods/totp/totp-secrets");
  const { now } = await import("../server/core/clock");
  await prepareApp();
  const db = await getDb();
  const [org] = await db.select().from(schema.organisations);
  const passwordHash = await argon2.hash(DEMO_PASSWORD, PASSWORD_HASH_OPTIONS);
  const pool: BenchPerson[] = [];
  for (let i = 0; i < POOL; i++) {
    const username = `bench-${i}`;
    const [person] = await db.insert(schema.people).values({ organisationId: org!.id, username, displayName: username, passwordHash, createdAt: now() }).returning();
    const [method] = await db
      .insert(schema.mfaMethods)
      .values({ personId: person!.id, kind: "totp", label: "Authenticator app", createdAt: now(), confirmedAt: now() })
      .returning();
    const seed = newTotpSeed();
    await db.insert(schema.totpCredentials).values({ methodId: method!.id, secretEnvelope: sealTotpSeed(person!.id, method!.id, seed) });
    pool.push({ username, seed });
  }
  await closeDb();
  return pool;
}

async function signInOnce(base: string, ip: string, person: BenchPerson): Promise<void> {
  const jar = new Map<string, string>();
  const headers = () => ({ "x-forwarded-for": ip, cookie: cookieHeader(jar) });
  const step = await fetch(`${base}/api/trpc/signIn.password`, {
    method: "POST",
    headers: { ...headers(), "content-type": "application/json" },
    body: JSON.stringify({ username: person.username, password: DEMO_PASSWORD }),
  });
  cookiesFrom(step, jar);
  const code = await generate({ secret: person.seed, epoch: Math.floor(Date.now() / 1000) });
  const codeStep = await fetch(`${base}/api/trpc/signIn.code`, {
    method: "POST",
    headers: { ...headers(), "content-type": "application/json" },
    body: JSON.stringify({ code }),
  });
  const { result } = (await codeStep.json()) as { result: { data: { attemptId: string; completionToken: string } } };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: headers() });
  cookiesFrom(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${base}/api/auth/callback/attempt`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, attemptId: result.data.attemptId, completionToken: result.data.completionToken, json: "true" }),
  });
  cookiesFrom(callback, jar);
  if (![...jar.keys()].some((k) => k.endsWith("tweestap.session"))) throw new Error(`sign-in failed: ${callback.status}`);
}

async function argon2VerifiesPerSecond(ms: number): Promise<number> {
  const hash = await argon2.hash(DEMO_PASSWORD, PASSWORD_HASH_OPTIONS);
  let count = 0;
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await argon2.verify(hash, DEMO_PASSWORD);
        count++;
      }
    }),
  );
  return count / (ms / 1000);
}

if (!fs.existsSync(".next/BUILD_ID")) execSync("npm run build", { stdio: "inherit" });
const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweestap-bench-"));
const people = await createBenchPeople(dataDir);
const server = spawn("npx", ["tsx", "scripts/serve.ts"], {
  env: {
    ...process.env,
    TWEESTAP_MODE: "demo",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    TRUSTED_PROXIES: "127.0.0.1,::1",
  },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    if (i > 120) throw new Error("server did not start");
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  let next = 0;
  const nextPerson = () => {
    if (next >= people.length) throw new Error(`bench pool of ${POOL} people used up: lower the duration`);
    return people[next++]!;
  };
  await signInOnce(base, "198.51.100.250", nextPerson()); // warm-up
  let signIns = 0;
  const end = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      let n = 0;
      while (performance.now() < end) {
        await signInOnce(base, `198.51.${100 + worker}.${(n++ % 250) + 1}`, nextPerson());
        signIns++;
      }
    }),
  );
  const signInsPerSecond = signIns / (DURATION_MS / 1000);
  const verifies = await argon2VerifiesPerSecond(5_000);
  console.log(`cores: ${os.cpus().length}, concurrency: ${CONCURRENCY}, duration: ${DURATION_MS / 1000} s, database: PGlite`);
  console.log(`full password + code sign-ins/s (next start): ${signInsPerSecond.toFixed(1)}`);
  console.log(`argon2id verifies/s (m=19456, t=2, p=1): ${verifies.toFixed(1)}`);
  console.log(`ratio sign-ins/s ÷ argon2id verifies/s: ${(signInsPerSecond / verifies).toFixed(2)}`);
} finally {
  process.kill(-server.pid!, "SIGTERM");
}
