import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_KEYS } from "@/test/test-keys";
import { parseEnv } from "../core/env";
import { checkPushSubscription, pushEndpointProblem } from "./push";
import { PUSH_PAYLOAD_MAX_BYTES, pushPayloadSchema } from "./push.schemas";

function browserSubscription(endpoint = "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b") {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") } };
}

describe("where push messages may go", () => {
  const production = parseEnv({ TWEESTAP_MODE: "production", PUBLIC_URL: "https://mfa.example.org", ...TEST_KEYS });
  const demo = parseEnv({ DATA_DIR: "/nonexistent-unit-tests", ...TEST_KEYS });

  it("production: the browsers' push services over https, nothing else", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/abc",
      "https://updates.push.services.mozilla.com/wpush/v2/abc",
      "https://web.push.apple.com/QGx",
      "https://wns2-am3p.notify.windows.com/w/?token=abc",
    ]) {
      expect(pushEndpointProblem(endpoint, production), endpoint).toBeNull();
    }
    expect(pushEndpointProblem("http://fcm.googleapis.com/fcm/send/abc", production)).toBe("http: is not allowed");
    expect(pushEndpointProblem("https://127.0.0.1/push/abc", production)).toBe("127.0.0.1 is not a known push service");
    expect(pushEndpointProblem("https://intranet.example.org/admin", production)).toMatch(/not a known push service/);
    expect(pushEndpointProblem("https://evilfcm.googleapis.com.example.net/x", production)).toMatch(/not a known push service/);
    expect(pushEndpointProblem("https://user:pw@fcm.googleapis.com/fcm/send/abc", production)).toBe("credentials in the URL");
  });

  it("PUSH_SERVICE_HOSTS names the push services; demo mode sends anywhere, also over http (a local push service)", () => {
    const own = parseEnv({ TWEESTAP_MODE: "production", PUBLIC_URL: "https://mfa.example.org", PUSH_SERVICE_HOSTS: "push.example.org", ...TEST_KEYS });
    expect(pushEndpointProblem("https://push.example.org/x", own)).toBeNull();
    expect(pushEndpointProblem("https://fcm.googleapis.com/fcm/send/abc", own)).toMatch(/not a known push service/);
    expect(pushEndpointProblem("http://127.0.0.1:4000/push/abc", demo)).toBeNull();
    expect(pushEndpointProblem("ftp://127.0.0.1/push", demo)).toBe("ftp: is not allowed");
  });
});

describe("a browser's push subscription", () => {
  it("is taken as PushSubscription.toJSON() gives it", () => {
    const subscription = browserSubscription();
    expect(checkPushSubscription(subscription)).toEqual(subscription);
  });

  it("is refused with keys that are not a P-256 point or a 16-byte secret, or a malformed endpoint", () => {
    const good = browserSubscription();
    const refused = (input: unknown) => expect(() => checkPushSubscription(input)).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
    refused({ ...good, keys: { ...good.keys, p256dh: `B${"A".repeat(86)}` } });
    refused({ ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, -1) } });
    refused({ ...good, keys: { ...good.keys, auth: randomBytes(12).toString("base64url") } });
    refused({ ...good, endpoint: "not a url" });
    refused({ ...good, endpoint: "ftp://push.example.org/x" });
    refused({ endpoint: good.endpoint });
  });
});

describe("a push payload", () => {
  it("is a type and a few flat facts", () => {
    expect(pushPayloadSchema.parse({ type: "sign_in_request", challengeId: "c1", number: 42, helpdesk: false })).toEqual({
      type: "sign_in_request",
      challengeId: "c1",
      number: 42,
      helpdesk: false,
    });
  });

  it("refuses nesting, odd field names, a missing type and anything longer than the limit", () => {
    expect(pushPayloadSchema.safeParse({ type: "sign_in_request", person: { name: "Anna" } }).success).toBe(false);
    expect(pushPayloadSchema.safeParse({ type: "sign_in_request", "the-code": "1" }).success).toBe(false);
    expect(pushPayloadSchema.safeParse({ challengeId: "c1" }).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`field${i}`, "x".repeat(200)]));
    expect(JSON.stringify(many).length).toBeGreaterThan(PUSH_PAYLOAD_MAX_BYTES);
    expect(pushPayloadSchema.safeParse({ type: "sign_in_request", ...many }).success).toBe(false);
  });
});
