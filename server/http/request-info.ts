import { keyedHash, keyedHashEquals } from "../crypto/keyed-hash";
import { readableId, READABLE_ID_PATTERN } from "../crypto/random";
import { clientIp } from "./client-ip";
import { cookieName, readCookie, serializeCookie } from "./cookies";

/** What every use case may know about the request it serves. */
export interface RequestInfo {
  ip: string;
  userAgent: string | null;
  /** The browser's display session ID ("Session ID" on error details); not a secret. */
  displaySessionId: string;
  cookieHeader: string | null;
}

const DISPLAY_SESSION_DOMAIN = "display-session-cookie";

/**
 * The display session cookie's value: the ID and an HMAC over it with the server's hash key, so
 * only the server issues display session IDs (the ID alone, which people see and copy, is not
 * enough to make the cookie).
 */
export function displaySessionCookieValue(displaySessionId: string): string {
  return `${displaySessionId}.${keyedHash(DISPLAY_SESSION_DOMAIN, displaySessionId).slice("h1:".length)}`;
}

/** The display session ID in a cookie value, or null when it is not one the server signed. */
export function verifiedDisplaySessionId(value: string | undefined): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 0) return null;
  const id = value.slice(0, dot);
  if (!READABLE_ID_PATTERN.test(id)) return null;
  return keyedHashEquals(DISPLAY_SESSION_DOMAIN, id, `h1:${value.slice(dot + 1)}`) ? id : null;
}

/**
 * Reads the request facts. The display session ID is believed only from a cookie the server
 * signed: when the browser has none, or an unsigned or wrongly signed one, a fresh ID is made
 * and, if `setCookie` is given, sent back (replacing the bad one) for this browser session.
 */
export function requestInfo(headers: Headers, setCookie?: (cookie: string) => void): RequestInfo {
  const cookieHeader = headers.get("cookie");
  let displaySessionId = verifiedDisplaySessionId(readCookie(cookieHeader, cookieName("dsid")));
  if (!displaySessionId) {
    displaySessionId = readableId();
    setCookie?.(serializeCookie(cookieName("dsid"), displaySessionCookieValue(displaySessionId)));
  }
  const userAgent = headers.get("user-agent");
  return {
    ip: clientIp(headers),
    userAgent: userAgent ? userAgent.slice(0, 512) : null,
    displaySessionId,
    cookieHeader,
  };
}
