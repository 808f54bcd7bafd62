import { describe, expect, it } from "vitest";
import { cookieName } from "./cookies";
import { displaySessionCookieValue, requestInfo, verifiedDisplaySessionId } from "./request-info";

function withCookie(value: string | null) {
  const headers = new Headers(value === null ? {} : { cookie: `${cookieName("dsid")}=${encodeURIComponent(value)}` });
  const issued: string[] = [];
  const info = requestInfo(headers, (c) => issued.push(c));
  return { info, issued };
}

describe("the display session ID comes from the server only", () => {
  it("a cookie the server signed is believed and not replaced", () => {
    const { info, issued } = withCookie(displaySessionCookieValue("7KQ3-M2XD-9PTA"));
    expect(info.displaySessionId).toBe("7KQ3-M2XD-9PTA");
    expect(issued).toEqual([]);
  });

  it("no cookie, a well-formed ID without a signature, a wrong signature, or another ID's signature: a fresh, signed ID replaces it", () => {
    const other = displaySessionCookieValue("AAAA-BBBB-CCCC");
    for (const forged of [null, "7KQ3-M2XD-9PTA", "7KQ3-M2XD-9PTA.", `7KQ3-M2XD-9PTA.${"A".repeat(43)}`, `7KQ3-M2XD-9PTA.${other.split(".")[1]}`, "garbage"]) {
      const { info, issued } = withCookie(forged);
      expect(info.displaySessionId, String(forged)).not.toBe("7KQ3-M2XD-9PTA");
      expect(issued).toHaveLength(1);
      const value = decodeURIComponent(/=([^;]*)/.exec(issued[0]!)![1]!);
      expect(verifiedDisplaySessionId(value)).toBe(info.displaySessionId);
      expect(issued[0]).toContain("HttpOnly");
    }
  });
});
