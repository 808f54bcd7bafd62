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

/**
 * Reads the request facts. When the browser has no display session ID yet, one is made and, if
 * `setCookie` is given, sent back so the browser keeps it for this browser session.
 */
export function requestInfo(headers: Headers, setCookie?: (cookie: string) => void): RequestInfo {
  const cookieHeader = headers.get("cookie");
  let displaySessionId = readCookie(cookieHeader, cookieName("dsid"));
  if (!displaySessionId || !READABLE_ID_PATTERN.test(displaySessionId)) {
    displaySessionId = readableId();
    setCookie?.(serializeCookie(cookieName("dsid"), displaySessionId));
  }
  const userAgent = headers.get("user-agent");
  return {
    ip: clientIp(headers),
    userAgent: userAgent ? userAgent.slice(0, 512) : null,
    displaySessionId,
    cookieHeader,
  };
}
