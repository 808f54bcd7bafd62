/**
 * A local push service for tests: a real HTTP server on loopback that takes Web Push requests like
 * a browser's push service (RFC 8030), checks their VAPID authorisation (RFC 8292) and, playing the
 * browser too, decrypts the aes128gcm payload with the subscription's private key (RFC 8291). It is
 * written from the RFCs with node:crypto only, so it checks the web-push library instead of
 * trusting it. It records every request and can be told to answer 410, 429 or anything else.
 */
import { createECDH, createPublicKey, createDecipheriv, hkdfSync, randomBytes, randomUUID, verify } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** VAPID tokens may live at most 24 hours (RFC 8292 §2). */
const MAX_TOKEN_SECONDS = 24 * 3600;

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

/**
 * Checks `Authorization: vapid t=<JWT>, k=<public key>` for a push service at `origin`: an ES256
 * JWT signed by the key in k, for this origin, expiring within 24 hours, with a subject. With
 * `boundKey` (the applicationServerKey the subscription was made with), k must be that key.
 */
export function checkVapid(
  authorization: string | undefined,
  origin: string,
  options: { boundKey?: string; nowMs?: number } = {},
): { ok: true; claims: VapidClaims; key: string } | { ok: false; status: 401 | 403; problem: string } {
  const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(authorization ?? "");
  if (!match) return { ok: false, status: 401, problem: "no vapid authorization" };
  const [token, key] = [match[1]!, match[2]!];
  const [headerPart, claimsPart, signaturePart] = token.split(".") as [string, string, string];
  let header: { typ?: string; alg?: string };
  let claims: Partial<VapidClaims>;
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString());
    claims = JSON.parse(Buffer.from(claimsPart, "base64url").toString());
  } catch {
    return { ok: false, status: 401, problem: "token is not JSON" };
  }
  if (header.alg !== "ES256") return { ok: false, status: 401, problem: `alg ${header.alg}` };
  const point = Buffer.from(key, "base64url");
  if (point.length !== 65 || point[0] !== 4) return { ok: false, status: 401, problem: "k is not an uncompressed P-256 key" };
  let signed: boolean;
  try {
    const publicKey = createPublicKey({
      key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
      format: "jwk",
    });
    signed = verify("sha256", Buffer.from(`${headerPart}.${claimsPart}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signaturePart, "base64url"));
  } catch {
    return { ok: false, status: 401, problem: "k is not a P-256 key" };
  }
  if (!signed) return { ok: false, status: 401, problem: "bad signature" };
  const nowSeconds = Math.floor((options.nowMs ?? Date.now()) / 1000);
  if (claims.aud !== origin) return { ok: false, status: 401, problem: `aud ${claims.aud}` };
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) return { ok: false, status: 401, problem: "expired" };
  if (claims.exp > nowSeconds + MAX_TOKEN_SECONDS) return { ok: false, status: 401, problem: "exp more than 24 hours ahead" };
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) return { ok: false, status: 401, problem: "no subject" };
  if (options.boundKey && key !== options.boundKey) return { ok: false, status: 403, problem: "not the key this subscription was made for" };
  return { ok: true, claims: claims as VapidClaims, key };
}

/** What a browser keeps for a subscription: its P-256 key pair and auth secret. */
export interface SubscriptionKeys {
  privateKey: Buffer;
  publicKey: Buffer;
  auth: Buffer;
}

/**
 * Decrypts an aes128gcm push message body (RFC 8188 framing, RFC 8291 keys) as the browser does:
 * salt(16) | rs(4) | idlen(1) | the sender's public key | one record. Throws when it does not
 * decrypt (another key, a tampered body) or is not padded as RFC 8188 says.
 */
export function decryptPushBody(body: Buffer, keys: SubscriptionKeys): Buffer {
  if (body.length < 21) throw new Error("too short");
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error("the key id is not a P-256 public key");
  if (record.length < 17 || record.length > recordSize) throw new Error("not exactly one record");
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(keys.privateKey);
  const shared = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), keys.publicKey, senderKey]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, keys.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with 0x02 then zero or more 0x00 (RFC 8188 §2).
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 2) throw new Error("bad padding");
  return padded.subarray(0, end);
}

/** A browser's subscription on the local service. */
export interface TestSubscription {
  id: string;
  /** As PushSubscription.toJSON() gives it. */
  json: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  keys: SubscriptionKeys;
}

/** One request the service received, and what it answered. */
export interface ReceivedPush {
  subscriptionId: string;
  status: number;
  /** Why it was refused (401/403/400/404/410), or null. */
  problem: string | null;
  vapid: VapidClaims | null;
  ttl: number | null;
  urgency: string | null;
  topic: string | null;
  /** The decrypted payload, when it decrypted. */
  payload: string | null;
}

export interface LocalPushService {
  /** The origin every endpoint is on (the VAPID audience). */
  origin: string;
  /** A new subscription, bound like a browser's to the applicationServerKey it was made with. */
  subscribe(applicationServerKey: string): TestSubscription;
  /** The browser unsubscribed: the service answers 410 Gone from now on. */
  unsubscribe(subscription: TestSubscription): void;
  /** Answer the next `times` authorised requests with `status` (429, 500, 410 …), optionally with Retry-After. */
  answerWith(status: number, options?: { times?: number; retryAfter?: string }): void;
  received: ReceivedPush[];
  close(): Promise<void>;
}

export async function startLocalPushService(): Promise<LocalPushService> {
  const subscriptions = new Map<string, { keys: SubscriptionKeys; boundKey: string; gone: boolean }>();
  const received: ReceivedPush[] = [];
  const forced: Array<{ status: number; retryAfter?: string }> = [];
  let origin = "";

  function handle(req: http.IncomingMessage, body: Buffer): { status: number; headers?: Record<string, string>; push: ReceivedPush | null } {
    const id = /^\/push\/([0-9a-f-]{36})$/.exec(req.url ?? "")?.[1];
    if (req.method !== "POST" || !id) return { status: 404, push: null };
    const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : null);
    const push: ReceivedPush = {
      subscriptionId: id,
      status: 0,
      problem: null,
      vapid: null,
      ttl: header("ttl") === null ? null : Number(header("ttl")),
      urgency: header("urgency"),
      topic: header("topic"),
      payload: null,
    };
    const refuse = (status: number, problem: string) => ({ status, push: { ...push, status, problem } });
    const subscription = subscriptions.get(id);
    if (!subscription) return refuse(404, "unknown subscription");
    if (subscription.gone) return refuse(410, "unsubscribed");
    const vapid = checkVapid(header("authorization") ?? undefined, origin, { boundKey: subscription.boundKey });
    if (!vapid.ok) return refuse(vapid.status, vapid.problem);
    push.vapid = vapid.claims;
    if (push.ttl === null || !Number.isInteger(push.ttl) || push.ttl < 0) return refuse(400, "no TTL");
    if (push.urgency !== null && !["very-low", "low", "normal", "high"].includes(push.urgency)) return refuse(400, "bad urgency");
    if (header("content-encoding") !== "aes128gcm") return refuse(415, "not aes128gcm");
    try {
      push.payload = decryptPushBody(body, subscription.keys).toString("utf8");
    } catch (error) {
      return refuse(400, `does not decrypt: ${(error as Error).message}`);
    }
    const answer = forced.shift();
    if (answer) return { status: answer.status, headers: answer.retryAfter ? { "retry-after": answer.retryAfter } : {}, push: { ...push, status: answer.status } };
    return { status: 201, headers: { location: `${origin}/message/${randomUUID()}` }, push: { ...push, status: 201 } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const answer = handle(req, Buffer.concat(chunks));
      if (answer.push) received.push(answer.push);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    subscribe(applicationServerKey) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const keys = { privateKey: ecdh.getPrivateKey(), publicKey: ecdh.getPublicKey(), auth: randomBytes(16) };
      const id = randomUUID();
      subscriptions.set(id, { keys, boundKey: applicationServerKey, gone: false });
      return {
        id,
        json: { endpoint: `${origin}/push/${id}`, expirationTime: null, keys: { p256dh: keys.publicKey.toString("base64url"), auth: keys.auth.toString("base64url") } },
        keys,
      };
    },
    unsubscribe(subscription) {
      const held = subscriptions.get(subscription.id);
      if (held) held.gone = true;
    },
    answerWith(status, options = {}) {
      for (let i = 0; i < (options.times ?? 1); i++) forced.push({ status, retryAfter: options.retryAfter });
    },
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
