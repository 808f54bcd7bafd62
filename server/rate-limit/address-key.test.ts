import { describe, expect, it } from "vitest";
import { addressBucketKey } from "./address-key";

describe("addressBucketKey", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(addressBucketKey("192.0.2.17")).toBe("192.0.2.17");
    expect(addressBucketKey("192.0.2.18")).not.toBe(addressBucketKey("192.0.2.17"));
  });

  it("puts every address of one IPv6 /64 in one bucket, and other /64s in others", () => {
    const a = addressBucketKey("2001:db8:aa:1::1");
    expect(a).toBe("2001:db8:aa:1::/64");
    expect(addressBucketKey("2001:0DB8:00aa:0001:ffff:1234:5678:9abc")).toBe(a);
    expect(addressBucketKey("[2001:db8:aa:1:dead:beef::7]")).toBe(a);
    expect(addressBucketKey("2001:db8:aa:1::2%eth0")).toBe(a);
    expect(addressBucketKey("2001:db8:aa:2::1")).not.toBe(a);
    expect(addressBucketKey("::1")).toBe("0:0:0:0::/64");
    expect(addressBucketKey("fe80::1")).toBe("fe80:0:0:0::/64");
  });

  it("an IPv4-mapped IPv6 address is the IPv4 address it carries", () => {
    expect(addressBucketKey("::ffff:192.0.2.17")).toBe("192.0.2.17");
    expect(addressBucketKey("::ffff:c000:0211")).toBe("192.0.2.17");
    expect(addressBucketKey("0:0:0:0:0:ffff:192.0.2.17")).toBe("192.0.2.17");
  });

  it("keeps a value that is no address (the shared 'unknown' client) as it is", () => {
    expect(addressBucketKey("unknown")).toBe("unknown");
  });
});
