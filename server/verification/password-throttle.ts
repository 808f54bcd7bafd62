import type { Executor } from "@/db/client";
import { keyedHash } from "../crypto/keyed-hash";
import { clearBucket, hitBucket, readBuckets } from "../rate-limit/buckets";

/**
 * Password-step throttling. No hard lock at this step (that would let anyone lock anyone out):
 * - per client IP: 10 failures a minute, then 429 until the minute is over;
 * - per account + IP: the first 5 failures are free, then each try waits 2^(n−5) s (max 5 min);
 * - global: 5,000 failures a minute across everyone (a flood), then 429.
 * Unknown and known usernames are counted alike, so the limits tell nothing about accounts.
 */
export const PASSWORD_THROTTLE = {
  perIp: { max: 10, windowSeconds: 60 },
  accountIp: { freeFailures: 5, windowSeconds: 3600, maxDelaySeconds: 300 },
  global: { max: 5000, windowSeconds: 60 },
} as const;

export type ThrottleScope = "ip" | "account_ip" | "global";

function keys(ip: string, loginName: string) {
  return {
    ip: `pw:ip:${ip}`,
    accountIp: `pw:acct-ip:${keyedHash("rate-limit-account", loginName)}:${ip}`,
    global: "pw:global",
  };
}

export async function passwordThrottle(
  db: Executor,
  input: { ip: string; loginName: string; at: Date },
): Promise<{ scope: ThrottleScope; retryAfterSeconds: number } | null> {
  const k = keys(input.ip, input.loginName);
  const buckets = await readBuckets(db, [k.ip, k.accountIp, k.global], input.at);
  const untilEnd = (ends: Date) => Math.max(1, Math.ceil((ends.getTime() - input.at.getTime()) / 1000));

  const global = buckets.get(k.global);
  if (global && global.count >= PASSWORD_THROTTLE.global.max) return { scope: "global", retryAfterSeconds: untilEnd(global.windowEndsAt) };
  const ip = buckets.get(k.ip);
  if (ip && ip.count >= PASSWORD_THROTTLE.perIp.max) return { scope: "ip", retryAfterSeconds: untilEnd(ip.windowEndsAt) };
  const account = buckets.get(k.accountIp);
  if (account && account.count >= PASSWORD_THROTTLE.accountIp.freeFailures) {
    const delay = Math.min(2 ** (account.count - PASSWORD_THROTTLE.accountIp.freeFailures), PASSWORD_THROTTLE.accountIp.maxDelaySeconds);
    const allowedAt = account.lastAt.getTime() + delay * 1000;
    if (allowedAt > input.at.getTime()) {
      return { scope: "account_ip", retryAfterSeconds: Math.ceil((allowedAt - input.at.getTime()) / 1000) };
    }
  }
  return null;
}

export async function countPasswordFailure(db: Executor, input: { ip: string; loginName: string; at: Date }): Promise<void> {
  const k = keys(input.ip, input.loginName);
  await hitBucket(db, k.ip, PASSWORD_THROTTLE.perIp.windowSeconds, input.at);
  await hitBucket(db, k.accountIp, PASSWORD_THROTTLE.accountIp.windowSeconds, input.at);
  await hitBucket(db, k.global, PASSWORD_THROTTLE.global.windowSeconds, input.at);
}

/** A correct password clears this account's delay from this IP (not the IP's own count). */
export async function clearPasswordDelay(db: Executor, input: { ip: string; loginName: string }): Promise<void> {
  await clearBucket(db, keys(input.ip, input.loginName).accountIp);
}
