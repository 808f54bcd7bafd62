import { describe, expect, it } from "vitest";
import { errorMessage, pickLocale } from "./translate";

describe("server-side messages", () => {
  it("picks the explicit locale, then Accept-Language, then Dutch", () => {
    expect(pickLocale(new Headers({ "x-tweestap-locale": "en", "accept-language": "nl" }))).toBe("en");
    expect(pickLocale(new Headers({ "accept-language": "de-DE, en-GB;q=0.8" }))).toBe("en");
    expect(pickLocale(new Headers({ "accept-language": "nl-BE" }))).toBe("nl");
    expect(pickLocale(new Headers())).toBe("nl");
  });

  it("fills placeholders in the chosen language", () => {
    expect(errorMessage("en", "RATE_LIMITED", { seconds: 42 })).toBe("Too many tries in a short time. Try again in 42 s.");
    expect(errorMessage("nl", "RATE_LIMITED", { seconds: 42 })).toContain("42 s");
  });
});
