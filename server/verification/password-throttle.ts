import { getDb, type Executor } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";
import { now } from "../core/clock";
import { keyedHash } from "../crypto/keyed-hash";
import { addressBucketKey } from "../rate-limit/address-key";
import { clearBucket, hitBucket, passBackoffGate, readBucket, refundBucket, type BackoffRule } from "../rate-limit/buckets";
import { knownDeviceFor } from "./known-device";
import { consumeSignInProof, createSignInChallenge, type SignInChallenge } from "./sign-in-challenge";
import type { SignInProof } from "./sign-in.schemas";

/**
 * Password-step throttling. Never a hard lock at this step (that would let anyone lock anyone out):
 * - per client address (IPv6 by /64): 10 tries a minute, then 429 until the minute is over;
 * - per account + address: the first 5 failures in an hour are free, then each try waits
 *   2^(n−5) s after the one before (at most 5 minutes);
 * - per account, from any address: the first 20 failures in an hour are free, then each try waits
 *   2^(n−20) s (at most 5 minutes): guessing one account from many addresses slows down. A browser
 *   that has completed a sign-in for the account before (the known-device cookie) is never slowed
 *   down by these two; its own failures have their own gate (5 free, then growing delays);
 * - global: above 5,000 failures a minute across everyone (a flood) a try needs a solved
 *   proof-of-work challenge, which the sign-in page solves in the background.
 * Unknown and known usernames are counted alike (by a keyed hash of the name typed), so the limits
 * tell nothing about accounts.
 *
 * Every limit is exact across instances: a try is reserved (counted atomically, deciding on the
 * returned count) before the password is checked; a refused try gives back what it took; a
 * correct password gives its try back and clears this address's and device's delays.
 */
export const PASSWORD_THROTTLE = {
  perIp: { max: 10, windowSeconds: 60 },
  accountIp: { freeTries: 5, windowSeconds: 3600, maxDelaySeconds: 300 },
  account: { freeTries: 20, windowSeconds: 3600, maxDelaySeconds: 300 },
  device: { freeTries: 5, windowSeconds: 3600, maxDelaySeconds: 300 },
  global: { max: 5000, windowSeconds: 60 },
} as const satisfies Record<string, BackoffRule | { max: number; windowSeconds: number }>;

export type ThrottleScope = "ip" | "account_ip" | "account" | "device" | "challenge";
export interface Throttled {
  scope: ThrottleScope;
  /** Absent for "challenge": the try may be repeated at once, with a solved challenge. */
  retryAfterSeconds?: number;
}
export interface PasswordTry {
  ip: string;
  loginName: string;
  at: Date;
  /** The browser's cookies: the known-device cookie exempts it from the per-account slowdown. */
  cookieHeader: string | null;
  proof?: SignInProof;
}
/** What a reserved try holds, to give back when the password was right. */
export interface PasswordReservation {
  refund: string[];
  clear: string[];
}

const GLOBAL_KEY = "pw:global";

function keys(input: PasswordTry) {
  const address = addressBucketKey(input.ip);
  const account = keyedHash("rate-limit-account", input.loginName);
  const deviceId = knownDeviceFor(input.cookieHeader, input.loginName);
  return {
    ip: `pw:ip:${address}`,
    accountIp: `pw:acct-ip:${account}:${address}`,
    account: `pw:acct:${account}`,
    device: deviceId ? `pw:device:${deviceId}:${account}` : null,
  };
}

function secondsUntil(end: Date, at: Date): number {
  return Math.max(1, Math.ceil((end.getTime() - at.getTime()) / 1000));
}

/** Reserves one password try, or says why not (and how long to wait). */
export async function reservePasswordTry(db: Executor, input: PasswordTry): Promise<{ reserved: PasswordReservation } | { throttled: Throttled }> {
  const k = keys(input);
  const taken: string[] = [];
  const refuse = async (throttled: Throttled) => {
    for (const key of taken) await refundBucket(db, key);
    return { throttled };
  };

  const ip = await hitBucket(db, k.ip, PASSWORD_THROTTLE.perIp.windowSeconds, input.at);
  taken.push(k.ip);
  if (ip.count > PASSWORD_THROTTLE.perIp.max) return refuse({ scope: "ip", retryAfterSeconds: secondsUntil(ip.windowEndsAt, input.at) });

  const global = await hitBucket(db, GLOBAL_KEY, PASSWORD_THROTTLE.global.windowSeconds, input.at);
  taken.push(GLOBAL_KEY);
  if (global.count > PASSWORD_THROTTLE.global.max && !(await consumeSignInProof(db, input.proof, input.at))) return refuse({ scope: "challenge" });

  const gates: Array<{ key: string; rule: BackoffRule; scope: ThrottleScope }> = k.device
    ? [{ key: k.device, rule: PASSWORD_THROTTLE.device, scope: "device" }]
    : [
        { key: k.accountIp, rule: PASSWORD_THROTTLE.accountIp, scope: "account_ip" },
        { key: k.account, rule: PASSWORD_THROTTLE.account, scope: "account" },
      ];
  for (const gate of gates) {
    const passed = await passBackoffGate(db, gate.key, gate.rule, input.at);
    if (!passed.passed) return refuse({ scope: gate.scope, retryAfterSeconds: passed.retryAfterSeconds });
    taken.push(gate.key);
  }
  // A right password: the address, global and account counts get the try back; the delays of
  // this address or device for the account end (the account's own stays: it is the evidence of
  // guessing from elsewhere, and the owner's known browsers are not slowed down by it).
  const clear = k.device ? [k.device] : [k.accountIp];
  return { reserved: { refund: taken.filter((key) => !clear.includes(key)), clear } };
}

/** A reserved try whose password was right: its counts are given back. A failed try stays counted. */
export async function refundPasswordTry(db: Executor, reservation: PasswordReservation): Promise<void> {
  for (const key of reservation.refund) await refundBucket(db, key);
  for (const key of reservation.clear) await clearBucket(db, key);
}

/** True while failures across everyone are above the ceiling: a try then needs a solved challenge. */
export async function passwordFloodActive(db: Executor, at: Date): Promise<boolean> {
  const global = await readBucket(db, GLOBAL_KEY, at);
  return global !== null && global.count >= PASSWORD_THROTTLE.global.max;
}

/**
 * What the sign-in page asks for when it opens (and again after each try): a fresh challenge, and
 * whether tries need it right now (then the page solves it at once, in the background; otherwise
 * only if the password step asks for it).
 */
export async function signInChallenge(): Promise<SignInChallenge & { required: boolean }> {
  const at = now();
  const db = await getDb();
  return { ...(await createSignInChallenge(at)), required: await passwordFloodActive(db, at) };
}

/**
 * Test-only (the TEST_CLOCK route and tests): puts the global failure count above the ceiling
 * for `seconds`, as a flood would, or ends that.
 */
export async function simulatePasswordFloodForTests(seconds: number | null): Promise<void> {
  const db = await getDb();
  const at = now();
  if (seconds === null) return clearBucket(db, GLOBAL_KEY);
  const row = { count: PASSWORD_THROTTLE.global.max + 1, windowStartedAt: at, windowEndsAt: new Date(at.getTime() + seconds * 1000), lastAt: at };
  await db
    .insert(rateLimitBuckets)
    .values({ key: GLOBAL_KEY, ...row })
    .onConflictDoUpdate({ target: rateLimitBuckets.key, set: row });
}
