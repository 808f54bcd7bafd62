import { keyedHash, keyedHashEquals } from "../crypto/keyed-hash";
import { randomToken } from "../crypto/random";
import { cookieName, readCookie, serializeCookie } from "../http/cookies";

/**
 * The known-device cookie: set when a sign-in completes, it tells the password step that this
 * browser has signed in to an account before, so the per-account slowdown (which anyone can cause
 * by guessing) never delays it. httpOnly, Secure under HTTPS, 400 days. It holds a random device ID
 * and up to five accounts, each named by a keyed hash of the username (never the name itself), and
 * is signed with a key derived from HASH_KEY: a browser cannot make one up or add an account to it.
 */
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
const MAX_ACCOUNTS = 5;
const SIGNATURE_DOMAIN = "known-device-cookie";
const VERSION = "d1";

export interface KnownDevice {
  deviceId: string;
  accounts: string[];
}

/** The opaque name of an account in the cookie (and in the device's own limit). */
export function accountTag(loginName: string): string {
  return keyedHash("known-device-account", loginName).slice(3, 25);
}

function payload(device: KnownDevice): string {
  return `${VERSION}.${device.deviceId}.${device.accounts.join("~")}`;
}

/** The browser's known-device cookie, if it carries a valid signature. */
export function readKnownDevice(cookieHeader: string | null): KnownDevice | null {
  const value = readCookie(cookieHeader, cookieName("device"));
  if (!value || value.length > 512) return null;
  const cut = value.lastIndexOf(".");
  const body = value.slice(0, cut);
  const [version, deviceId, accounts, ...rest] = body.split(".");
  if (cut < 0 || version !== VERSION || !deviceId || accounts === undefined || rest.length > 0) return null;
  if (!keyedHashEquals(SIGNATURE_DOMAIN, body, `h1:${value.slice(cut + 1)}`)) return null;
  return { deviceId, accounts: accounts ? accounts.split("~") : [] };
}

/** This browser's device ID when it has completed a sign-in for `loginName` before, else null. */
export function knownDeviceFor(cookieHeader: string | null, loginName: string): string | null {
  const device = readKnownDevice(cookieHeader);
  const tag = accountTag(loginName);
  return device?.accounts.includes(tag) ? device.deviceId : null;
}

/** The Set-Cookie that adds `loginName` to this browser's known-device cookie (newest first, at most five). */
export function knownDeviceCookie(cookieHeader: string | null, loginName: string): string {
  const current = readKnownDevice(cookieHeader);
  const tag = accountTag(loginName);
  const device: KnownDevice = {
    deviceId: current?.deviceId ?? randomToken(16),
    accounts: [tag, ...(current?.accounts ?? []).filter((a) => a !== tag)].slice(0, MAX_ACCOUNTS),
  };
  const body = payload(device);
  const signature = keyedHash(SIGNATURE_DOMAIN, body).slice(3);
  return serializeCookie(cookieName("device"), `${body}.${signature}`, { maxAgeSeconds: KNOWN_DEVICE_MAX_AGE_SECONDS });
}
