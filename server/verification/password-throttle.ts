import type { Executor } from "@/db/client";
import { keyedHash } from "../crypto/keyed-hash";
import { clearBucket, hitBucket, readBucket, refundBucket } from "../rate-limit/buckets";

/**
 * Password-step throttling. No hard lock at this step (that would let anyone lock anyone out):
 * - per client IP: 10 failures a minute, then 429 until the minute is over;
 * - per account + IP: the first 5 failures are free, then each try waits 2^(n−5) s (max 5 min);
 * - global: 5,000 failures a minute across everyone (a flood), then 429.
 * Unknown and known usernames are counted alike, so the limits tell nothing about accounts.
 *
 * The IP and global limits are exact across instances: a try is reserved (counted atomically)
 * before the password is checked, and refunded when the password was right.
 */
export const PASSWORD_THROTTLE = {
  perIp: { max: 10, windowSeconds: 60 },
  accountIp: { freeFailures: 5, windowSeconds: 3600, maxDelaySeconds: 300 },
  global: { max: 5000, windowSeconds: 60 },
} as const;

export type ThrottleScope = "ip" | "account_ip" | "global";
export interface Throttled {
  scope: ThrottleScope;
  retryAfterSeconds: number;
}
export interface PasswordTryKey {
  ip: string;
  loginName: string;
  at: Date;
}

function keys(ip: string, loginName: string) {
  return {
    ip: `pw:ip:${ip}`,
    accountIp: `pw:acct-ip:${keyedHash("rate-limit-account", loginName)}:${ip}`,
    global: "pw:global",
  };
}

function secondsUntil(end: Date, at: Date): number {
  return Math.max(1, Math.ceil((end.getTime() - at.getTime()) / 1000));
}

/** Reserves one password try, or says how long to wait. */
export async function reservePasswordTry(db: Executor, input: PasswordTryKey): Promise<Throttled | null> {
  const k = keys(input.ip, input.loginName);
  const account = await readBucket(db, k.accountIp, input.at);
  if (account && account.count >= PASSWORD_THROTTLE.accountIp.freeFailures) {
    const delay = Math.min(2 ** (account.count - PASSWORD_THROTTLE.accountIp.freeFailures), PASSWORD_THROTTLE.accountIp.maxDelaySeconds);
    const allowedAt = new Date(account.lastAt.getTime() + delay * 1000);
    if (allowedAt.getTime() > input.at.getTime()) return { scope: "account_ip", retryAfterSeconds: secondsUntil(allowedAt, input.at) };
  }
  const global = await hitBucket(db, k.global, PASSWORD_THROTTLE.global.windowSeconds, input.at);
  if (global.count > PASSWORD_THROTTLE.global.max) return { scope: "global", retryAfterSeconds: secondsUntil(global.windowEndsAt, input.at) };
  const ip = await hitBucket(db, k.ip, PASSWORD_THROTTLE.perIp.windowSeconds, input.at);
  if (ip.count > PASSWORD_THROTTLE.perIp.max) {
    await refundBucket(db, k.global);
    return { scope: "ip", retryAfterSeconds: secondsUntil(ip.windowEndsAt, input.at) };
  }
  return null;
}

/** A reserved try failed: it stays counted, and this account's delay from this IP grows. */
export async function countPasswordFailure(db: Executor, input: PasswordTryKey): Promise<void> {
  await hitBucket(db, keys(input.ip, input.loginName).accountIp, PASSWORD_THROTTLE.accountIp.windowSeconds, input.at);
}

/** A reserved try succeeded: it is given back, and this account's delay from this IP is cleared. */
export async function refundPasswordTry(db: Executor, input: Omit<PasswordTryKey, "at">): Promise<void> {
  const k = keys(input.ip, input.loginName);
  await refundBucket(db, k.ip);
  await refundBucket(db, k.global);
  await clearBucket(db, k.accountIp);
}
