/**
 * The authenticator app in a test's pocket: the demo people's seeds (derived like server/setup/demo-seed.ts does,
 * from the e2e server's HASH_KEY), seeds read from the registration page, and their codes.
 *
 * Every code is one-time per person: the server refuses a code whose 30-second step is at or before
 * the last step that person used (MFA_CODE_REPLAYED), whichever browser used it. Tests of the two
 * workers sign the same person in at the same time, so the steps they use are handed out through a
 * small ledger shared by every worker of the run (a file beside the e2e database, under a lock):
 * a sign-in takes the earliest step after the last one given out that the server still accepts
 * (it accepts the current step and one either side, like a phone whose clock is a little off), and
 * waits for the next step when there is none. Waiting extends the test's timeout by that much.
 *
 * Where the journey is about the phone itself, the phone is the companion authenticator
 * (e2e/pages/AuthenticatorAppPage.ts, app/authenticator): a spec reads the code it shows, checks it
 * against these functions, and notes its step here (recordUsedStep).
 */
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test } from "@playwright/test";
import { generate } from "otplib";
import { base32Decode } from "../../server/crypto/base32";

export const TOTP_PERIOD = 30;
/** Steps the server accepts either side of the current one (server/verification/methods/totp). */
const ACCEPT_STEPS = 1;
/** Time a code may take from being read here to being checked by the server (typing, request, load). */
const SUBMIT_MARGIN_SECONDS = 8;

// ---------------------------------------------------------------------------------------------
// Seeds

function e2eDataDir(): string {
  const dir = process.env.TWEESTAP_E2E_DATA_DIR;
  if (!dir) throw new Error("TWEESTAP_E2E_DATA_DIR is not set: run the specs through playwright.config.ts.");
  return dir;
}

let hashKey: Buffer | undefined;

/** The e2e server's HASH_KEY: demo mode generates it into <DATA_DIR>/dev-keys.json at start. */
export function demoHashKey(): Buffer {
  if (!hashKey) {
    const file = path.join(e2eDataDir(), "dev-keys.json");
    const keys = JSON.parse(fs.readFileSync(file, "utf8")) as { HASH_KEY?: string };
    if (!keys.HASH_KEY) throw new Error(`${file} has no HASH_KEY`);
    hashKey = Buffer.from(keys.HASH_KEY, "base64");
  }
  return hashKey;
}

/** A demo person's authenticator seed: server/setup/demo-seed.ts demoTotpSeed, computed without the app's code. */
export function demoTotpSeed(username: string): Uint8Array {
  return new Uint8Array(createHmac("sha256", demoHashKey()).update(`demo-totp-seed:${username}`).digest().subarray(0, 20));
}

/** The key shown under "Enter the key by hand" (RFC 4648 base32, grouped with spaces) as bytes. */
export function seedFromManualKey(manualKey: string): Uint8Array {
  const seed = base32Decode(manualKey);
  if (!seed) throw new Error(`"${manualKey}" is not a base32 key`);
  return seed;
}

// ---------------------------------------------------------------------------------------------
// Time and codes

export function stepAt(epochSeconds: number): number {
  return Math.floor(epochSeconds / TOTP_PERIOD);
}

/** The six-digit code an authenticator with `secret` shows at `epochSeconds` (SHA-1, 30 s). */
export function totpCode(secret: Uint8Array, epochSeconds: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(epochSeconds), algorithm: "sha1", digits: 6, period: TOTP_PERIOD });
}

/** The code of one time step. */
export function codeForStep(secret: Uint8Array, step: number): Promise<string> {
  return totpCode(secret, step * TOTP_PERIOD);
}

/**
 * How far the server's clock is from ours, in seconds: the clock project moves it (GET
 * /api/test/clock tells its time); a server without the test clock (production mode) runs on ours.
 */
async function serverOffsetSeconds(origin: string): Promise<number> {
  const before = Date.now();
  const response = await fetch(`${origin}/api/test/clock`);
  if (response.status === 404) return 0;
  if (!response.ok) throw new Error(`GET ${origin}/api/test/clock answered ${response.status}`);
  const { now } = (await response.json()) as { now: string };
  const local = (before + Date.now()) / 2;
  return (new Date(now).getTime() - local) / 1000;
}

/** The server's time now, in epoch seconds (fractional). */
export async function serverNowSeconds(origin = defaultOrigin()): Promise<number> {
  return Date.now() / 1000 + (await serverOffsetSeconds(origin));
}

function defaultOrigin(): string {
  const origin = process.env.TWEESTAP_E2E_BASE_URL;
  if (!origin) throw new Error("TWEESTAP_E2E_BASE_URL is not set: run the specs through playwright.config.ts.");
  return origin;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Gives the running test `seconds` more before its timeout (it is about to wait that long). */
function allowExtraTime(seconds: number): void {
  const info = test.info();
  if (info.timeout > 0) info.setTimeout(info.timeout + Math.ceil(seconds * 1000));
}

/**
 * Waits (on the server's clock) until at least `seconds` are left in the current 30-second step:
 * for a code that must be checked within the step it was read in. Returns the server time then.
 */
export async function waitForStepWithAtLeast(seconds: number, origin = defaultOrigin()): Promise<number> {
  const offset = await serverOffsetSeconds(origin);
  const now = Date.now() / 1000 + offset;
  const left = TOTP_PERIOD - (now % TOTP_PERIOD);
  if (left >= seconds) return now;
  allowExtraTime(left + 1);
  await sleep((left + 0.2) * 1000);
  return Date.now() / 1000 + offset;
}

/** Waits until the server's clock is in a step after `step` (the phone shows a new code). */
export async function waitForStepAfter(step: number, origin = defaultOrigin()): Promise<number> {
  const offset = await serverOffsetSeconds(origin);
  const now = Date.now() / 1000 + offset;
  const wait = (step + 1) * TOTP_PERIOD - now;
  if (wait > 0) {
    allowExtraTime(wait + 1);
    await sleep((wait + 0.2) * 1000);
  }
  return Date.now() / 1000 + offset;
}

/** A well-formed code that no authenticator with `secret` shows within ±10 minutes of `epochSeconds`. */
export async function wrongCode(secret: Uint8Array, epochSeconds: number): Promise<string> {
  const near = new Set<string>();
  for (let delta = -21; delta <= 21; delta++) near.add(await totpCode(secret, epochSeconds + delta * TOTP_PERIOD));
  for (let n = 123_456; ; n = (n + 111_111) % 1_000_000) {
    const candidate = String(n).padStart(6, "0");
    if (!near.has(candidate)) return candidate;
  }
}

// ---------------------------------------------------------------------------------------------
// The run-wide ledger of used steps

const LEDGER = () => path.join(e2eDataDir(), "totp-ledger.json");
const LOCK = () => path.join(e2eDataDir(), "totp-ledger.lock");

/**
 * Runs `fn` holding a run-wide lock (a directory: mkdir is atomic across processes). A holder that
 * died is taken over after `staleMs`.
 */
async function withLock<T>(lockDir: string, staleMs: number, fn: () => Promise<T> | T): Promise<T> {
  const deadline = Date.now() + staleMs;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (Date.now() > deadline) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      await sleep(20);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Runs `fn` holding the ledger's lock. */
function withLedger<T>(fn: (ledger: Record<string, number>) => T): Promise<T> {
  return withLock(LOCK(), 10_000, () => {
    const ledger = fs.existsSync(LEDGER()) ? (JSON.parse(fs.readFileSync(LEDGER(), "utf8")) as Record<string, number>) : {};
    const result = fn(ledger);
    fs.writeFileSync(LEDGER(), JSON.stringify(ledger));
    return result;
  });
}

function ledgerKey(origin: string, username: string): string {
  return `${new URL(origin).origin} ${username}`;
}

/** Notes that `username` used `step` outside takeCode (a registration, a deliberate replay). */
export async function recordUsedStep(username: string, step: number, origin = defaultOrigin()): Promise<void> {
  const key = ledgerKey(origin, username);
  await withLedger((ledger) => {
    ledger[key] = Math.max(ledger[key] ?? -Infinity, step);
  });
}

export interface TakeCodeOptions {
  /** Only the code of the current step (what a phone with a right clock shows), never a neighbour. */
  currentStepOnly?: boolean;
  origin?: string;
}

export interface TakenCode {
  code: string;
  step: number;
}

/**
 * A code for `username` that no other sign-in of this run has used or will use: the earliest step
 * after the last one handed out that the server will still accept when the code arrives.
 */
export async function takeCode(username: string, secret: Uint8Array, options: TakeCodeOptions = {}): Promise<TakenCode> {
  const origin = options.origin ?? defaultOrigin();
  const key = ledgerKey(origin, username);
  const offset = await serverOffsetSeconds(origin);
  for (;;) {
    const now = Date.now() / 1000 + offset;
    const current = stepAt(now);
    const step = await withLedger((ledger) => {
      const last = ledger[key] ?? -Infinity;
      const lowest = options.currentStepOnly ? current : current - ACCEPT_STEPS;
      const highest = options.currentStepOnly ? current : current + ACCEPT_STEPS;
      for (let s = Math.max(lowest, last + 1); s <= highest; s++) {
        // Still accepted when it arrives: the server takes step s until the end of step s + 1.
        if (now + SUBMIT_MARGIN_SECONDS < (s + ACCEPT_STEPS + 1) * TOTP_PERIOD) {
          ledger[key] = s;
          return s;
        }
      }
      return null;
    });
    if (step !== null) return { step, code: await codeForStep(secret, step) };
    // Every usable step is taken: wait for the next one.
    const wait = (current + 1) * TOTP_PERIOD - now + 0.2;
    allowExtraTime(wait + 1);
    await sleep(wait * 1000);
  }
}

/**
 * Takes a code and submits it while no other test submits a code of the same person: the server
 * refuses any step at or before the last one used, so two tests that took steps s and s + 1 must
 * not submit them in the other order. `submit` should return once the server has answered.
 */
export async function submitCodeExclusively<T>(username: string, secret: Uint8Array, options: TakeCodeOptions, submit: (code: string) => Promise<T>): Promise<T> {
  const origin = options.origin ?? defaultOrigin();
  const lockDir = path.join(e2eDataDir(), `totp-person-${Buffer.from(ledgerKey(origin, username)).toString("hex")}.lock`);
  allowExtraTime(45);
  return withLock(lockDir, 90_000, async () => submit((await takeCode(username, secret, options)).code));
}

/** submitCodeExclusively for a demo person. */
export function submitDemoCode<T>(username: string, options: TakeCodeOptions, submit: (code: string) => Promise<T>): Promise<T> {
  return submitCodeExclusively(username, demoTotpSeed(username), options, submit);
}

/** takeCode for a demo person (their seed from the e2e server's keys). */
export function takeDemoCode(username: string, options: TakeCodeOptions = {}): Promise<TakenCode> {
  return takeCode(username, demoTotpSeed(username), options);
}
