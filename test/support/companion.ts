/**
 * A companion authenticator in code: the phone in the push tests. It does what the PWA does, with
 * the same WebCrypto calls: makes a P-256 key pair (or takes a demo person's key), activates with
 * the activation URL (or ID) and code, lists its open requests and answers them, every request
 * signed over the canonical string (server/verification/methods/push/device-signature.ts, written
 * out again here on purpose: a test that used the server's own function could not catch it
 * changing). It shows the account's codes from the secret the activation returned (RFC 6238 with
 * node:crypto, not the server's TOTP module).
 *
 * It talks through a Transport, so integration tests call the route handlers in-process and an
 * end-to-end test can use fetch against a running server.
 */
import { createHmac, webcrypto } from "node:crypto";

export type Transport = (request: { method: "GET" | "POST"; path: string; body?: unknown; query?: Record<string, string>; signal?: AbortSignal }) => Promise<Response>;

/** A transport over HTTP to a running server (end-to-end tests, other instances). */
export function fetchTransport(baseUrl: string): Transport {
  return ({ method, path, body, query, signal }) => {
    const url = new URL(path, baseUrl);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return fetch(url, { method, signal, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  };
}

export interface OpenRequest {
  challengeId: string;
  nonce: string;
  organisation: string;
  app: string;
  browser: string | null;
  ip: string | null;
  time: string;
  expiresAt: string;
  numberLength: number;
}

export interface Codes {
  secret: string;
  otpauthUri: string;
  digits: number;
  period: number;
}

type Answer = { status: number; body: { status?: string; reference?: string; error?: { code: string; message: string } } };

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;

export class TestCompanion {
  deviceId: string | null = null;
  codes: Codes | null = null;

  private constructor(
    private readonly keys: { privateKey: webcrypto.CryptoKey; publicJwk: webcrypto.JsonWebKey },
    private readonly transport: Transport,
    /** The phone's clock (ms); a test moves it to play a phone whose clock is off. */
    public clock: () => number,
  ) {}

  /** A new phone: a fresh, non-extractable key pair, as the PWA makes it. */
  static async create(transport: Transport, clock: () => number = Date.now): Promise<TestCompanion> {
    const pair = (await webcrypto.subtle.generateKey(ALGORITHM, false, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
    const publicJwk = await webcrypto.subtle.exportKey("jwk", pair.publicKey);
    return new TestCompanion({ privateKey: pair.privateKey, publicJwk }, transport, clock);
  }

  /** A phone that already holds a key (a demo person's, server/setup/demo-seed.ts demoPushKey) and is activated as `deviceId`. */
  static async withKey(
    transport: Transport,
    jwk: { kty: "EC"; crv: "P-256"; x: string; y: string; d: string },
    deviceId: string,
    clock: () => number = Date.now,
  ): Promise<TestCompanion> {
    const privateKey = await webcrypto.subtle.importKey("jwk", jwk, ALGORITHM, false, ["sign"]);
    const companion = new TestCompanion({ privateKey, publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } }, transport, clock);
    companion.deviceId = deviceId;
    return companion;
  }

  get publicKeyJwk(): webcrypto.JsonWebKey {
    return this.keys.publicJwk;
  }

  ts(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** The canonical string, as the PWA builds it. */
  static canonical(f: { purpose: string; deviceId: string; ts: number; challengeId?: string; nonce?: string; decision?: string; number?: string }): string {
    return ["tweestap-push-v1", f.purpose, f.deviceId, String(f.ts), f.challengeId ?? "", f.nonce ?? "", f.decision ?? "", f.number ?? ""].join("\n");
  }

  async sign(fields: Parameters<typeof TestCompanion.canonical>[0]): Promise<string> {
    const signature = await webcrypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, this.keys.privateKey, new TextEncoder().encode(TestCompanion.canonical(fields)));
    return Buffer.from(signature).toString("base64url");
  }

  /** Activates with what security info shows; on success keeps the device ID and the codes' secret. */
  async activate(input: { activationUrl?: string; activationId?: string; code: string; deviceName?: string }): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await this.transport({
      method: "POST",
      path: "/api/authenticator/activate",
      body: { ...input, deviceName: input.deviceName ?? "Test phone", publicKeyJwk: this.keys.publicJwk },
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === 200) {
      this.deviceId = body.deviceId as string;
      this.codes = body.codes as Codes;
    }
    return { status: response.status, body };
  }

  private device(): string {
    if (!this.deviceId) throw new Error("TestCompanion: not activated");
    return this.deviceId;
  }

  /** The open requests (signed, purpose "requests"). */
  async requests(): Promise<{ status: number; requests: OpenRequest[]; suspended?: boolean; error?: { code: string } }> {
    const deviceId = this.device();
    const ts = this.ts();
    const response = await this.transport({
      method: "POST",
      path: "/api/authenticator/requests",
      body: { deviceId, ts, signature: await this.sign({ purpose: "requests", deviceId, ts }) },
    });
    const body = (await response.json()) as { requests?: OpenRequest[]; suspended?: boolean; error?: { code: string } };
    return { status: response.status, requests: body.requests ?? [], suspended: body.suspended, error: body.error };
  }

  /**
   * Answers a request (signed, purpose "answer"). `tamper` changes what is sent after signing (a
   * replay on another request, a forged signature…).
   */
  async answer(
    request: Pick<OpenRequest, "challengeId" | "nonce">,
    decision: "approve" | "deny" | "report",
    number = "",
    tamper?: (body: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<Answer> {
    const deviceId = this.device();
    const ts = this.ts();
    const fields = { purpose: "answer", deviceId, ts, challengeId: request.challengeId, nonce: request.nonce, decision, number };
    let body: Record<string, unknown> = { deviceId, ts, challengeId: request.challengeId, nonce: request.nonce, decision, number, signature: await this.sign(fields) };
    if (tamper) body = tamper(body);
    return this.sendAnswer(body);
  }

  async sendAnswer(body: Record<string, unknown>): Promise<Answer> {
    const response = await this.transport({ method: "POST", path: "/api/authenticator/answer", body });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  }

  /** The event stream's signed query (purpose "events"). */
  async eventsQuery(): Promise<Record<string, string>> {
    const deviceId = this.device();
    const ts = this.ts();
    return { deviceId, ts: String(ts), signature: await this.sign({ purpose: "events", deviceId, ts }) };
  }

  /** Opens the event stream; `events` collects what arrives ("ready", "challenge", "not-activated"). */
  async openEvents(
    signal: AbortSignal,
  ): Promise<{ status: number; events: Array<{ event: string; data: unknown }>; next: (event: string, timeoutMs?: number) => Promise<unknown> }> {
    const response = await this.transport({ method: "GET", path: "/api/authenticator/events", query: await this.eventsQuery(), signal });
    const events: Array<{ event: string; data: unknown }> = [];
    const waiters: Array<() => void> = [];
    if (response.status === 200 && response.body) {
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let cut = buffer.indexOf("\n\n");
            while (cut >= 0) {
              const block = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              const event = /^event: (.*)$/m.exec(block)?.[1];
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (event) events.push({ event, data: data ? JSON.parse(data) : null });
              for (const wake of waiters.splice(0)) wake();
              cut = buffer.indexOf("\n\n");
            }
          }
        } catch {
          // aborted
        }
      })();
    }
    const next = async (event: string, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = events.findIndex((e) => e.event === event);
        if (index >= 0) return events.splice(index, 1)[0]!.data;
        if (Date.now() > deadline) throw new Error(`no "${event}" event within ${timeoutMs} ms (got ${JSON.stringify(events)})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    };
    return { status: response.status, events, next };
  }

  /** The code the app shows at `at` (ms), from the activation's secret. */
  code(at = this.clock()): string {
    if (!this.codes) throw new Error("TestCompanion: no codes");
    return totp(base32Decode(this.codes.secret), Math.floor(at / 1000 / this.codes.period), this.codes.digits);
  }
}

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of text.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(Number.parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 with SHA-1 (RFC 4226 dynamic truncation). */
function totp(secret: Buffer, step: number, digits: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, "0");
}
