/**
 * Drives the real tRPC HTTP handler in-process (the same fetchRequestHandler the route uses),
 * with a per-test client address and a cookie jar, so tests see status codes, headers and bodies
 * exactly as a browser would.
 */
import { encode } from "next-auth/jwt";
import { getEnv } from "../server/core/env";
import { cookieName } from "../server/http/cookies";
import { requestInfo, type RequestInfo } from "../server/http/request-info";
import { handleTrpcRequest } from "../server/trpc/handler";

let ipCounter = 0;
/** A fresh TEST-NET client address per call, so one test's limits never touch another's. */
export function freshIp(): string {
  ipCounter += 1;
  const worker = Number(process.env.VITEST_POOL_ID ?? 1);
  return `10.${worker}.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly ip: string = freshIp(),
    readonly userAgent = "vitest-browser",
  ) {}

  cookieHeader(): string | null {
    if (this.cookies.size === 0) return null;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  takeCookies(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (attributes.some((a) => a.trim().toLowerCase() === "max-age=0")) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  headers(extra: Record<string, string> = {}): Headers {
    const headers = new Headers({ "x-tweestap-peer": this.ip, "user-agent": this.userAgent, ...extra });
    const cookie = this.cookieHeader();
    if (cookie) headers.set("cookie", cookie);
    return headers;
  }

  /**
   * The request facts a use case sees for this browser, read by the server's own reader: the
   * display session ID only from a cookie the server signed (one is issued into the jar if missing).
   */
  requestInfo(): RequestInfo {
    return requestInfo(this.headers(), this.setCookieFn());
  }

  setCookieFn(): (cookie: string) => void {
    return (cookie) => this.takeCookies([cookie]);
  }

  async call(path: string, input?: unknown, options: { method?: "GET" | "POST"; headers?: Record<string, string> } = {}) {
    const method = options.method ?? "POST";
    let url = `http://localhost/api/trpc/${path}`;
    if (method === "GET" && input !== undefined) url += `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const headers = this.headers({ "content-type": "application/json", ...(options.headers ?? {}) });
    const req = new Request(url, { method, headers, body: method === "POST" ? JSON.stringify(input ?? {}) : undefined });
    const response = await handleTrpcRequest(req);
    this.takeCookies(response.headers.getSetCookie());
    const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string; data: Record<string, unknown> } };
    return { status: response.status, headers: response.headers, body };
  }

  /** Gives this browser a next-auth session cookie for a session record, as authorize() would. */
  async adoptSession(sessionId: string, personId: string): Promise<void> {
    const token = await encode({ token: { sub: personId, sid: sessionId }, secret: getEnv().authSecret });
    this.cookies.set(cookieName("session"), token);
  }
}
