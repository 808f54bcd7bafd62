import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../core/env";
import { clientIp, normalizeIp, PEER_HEADER } from "./client-ip";

function withEnv(extra: Record<string, string>) {
  Object.assign(process.env, extra);
  resetEnvForTests();
}

afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
  delete process.env.TWEESTAP_OWN_SERVER;
  resetEnvForTests();
});

describe("client address", () => {
  it("is the socket peer; X-Forwarded-For from an untrusted peer is ignored", () => {
    withEnv({ TWEESTAP_OWN_SERVER: "1", TRUSTED_PROXIES: "10.0.0.1" });
    expect(clientIp(new Headers({ [PEER_HEADER]: "198.51.100.9", "x-forwarded-for": "1.2.3.4" }))).toBe("198.51.100.9");
  });

  it("behind trusted proxies, the first untrusted hop from the right", () => {
    withEnv({ TWEESTAP_OWN_SERVER: "1", TRUSTED_PROXIES: "10.0.0.0/8, ::1" });
    const headers = new Headers({ [PEER_HEADER]: "::ffff:10.0.0.5", "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.1.1.1" });
    expect(clientIp(headers)).toBe("203.0.113.7");
    expect(clientIp(new Headers({ [PEER_HEADER]: "::1", "x-forwarded-for": "203.0.113.8" }))).toBe("203.0.113.8");
  });

  it("a garbage hop stops the walk at the last trusted address", () => {
    withEnv({ TWEESTAP_OWN_SERVER: "1", TRUSTED_PROXIES: "10.0.0.0/8" });
    expect(clientIp(new Headers({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "not-an-ip" }))).toBe("10.0.0.5");
  });

  it("without our server's peer header nothing a client sends is believed", () => {
    withEnv({ TRUSTED_PROXIES: "10.0.0.0/8" });
    expect(clientIp(new Headers({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "203.0.113.7" }))).toBe("unknown");
  });

  it("normalises IPv4-mapped IPv6 and brackets", () => {
    expect(normalizeIp("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeIp("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normalizeIp("evil\r\nheader")).toBeNull();
  });
});
