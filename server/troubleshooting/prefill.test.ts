import { describe, expect, it } from "vitest";
import { cleanPrefill, prefillFromSearch, prefillQuery } from "./prefill";

describe("wizard prefill", () => {
  it("keeps each valid field and drops each bad one on its own", () => {
    expect(
      prefillFromSearch({
        code: "MFA_CODE_EXPIRED",
        cid: "3F1C2A9E-5B7D-4C1E-9A2B-0C8D7E6F5A4B",
        sid: "7kq3-m2xd-9pta",
        at: "2026-11-22 05:12:33 +01:00",
        url: "javascript:alert(1)",
      }),
    ).toEqual({
      errorCode: "MFA_CODE_EXPIRED",
      correlationId: "3f1c2a9e-5b7d-4c1e-9a2b-0c8d7e6f5a4b",
      displaySessionId: "7KQ3-M2XD-9PTA",
      occurredAt: "2026-11-22 05:12:33 +01:00",
    });
    expect(cleanPrefill({ errorCode: "NOPE", correlationId: 5 })).toEqual({});
  });

  it("round-trips through the query string", () => {
    const prefill = { errorCode: "MFA_CLOCK_DRIFT", occurredAt: "2026-11-22 05:12:33 +01:00", pageUrl: "https://example.test/nl/sign-in/verify" };
    const query = prefillQuery(prefill);
    expect(prefillFromSearch(Object.fromEntries(new URLSearchParams(query.slice(1))))).toEqual(prefill);
    expect(prefillQuery({})).toBe("");
  });
});
