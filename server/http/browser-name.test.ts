import { describe, expect, it } from "vitest";
import { browserName } from "./browser-name";

describe("a browser as a push request names it", () => {
  it("names the browser and the system, never the version", () => {
    expect(browserName("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")).toBe("Edge (Windows)");
    expect(browserName("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")).toBe("Chrome (Windows)");
    expect(browserName("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")).toBe(
      "Safari (iOS)",
    );
    expect(browserName("Mozilla/5.0 (Android 15; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0")).toBe("Firefox (Android)");
    expect(browserName("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15")).toBe("Safari (macOS)");
  });

  it("falls back to what it has, and to nothing without a user agent", () => {
    expect(browserName("curl/8.5.0")).toBe("curl/8.5.0");
    expect(browserName(null)).toBeNull();
  });
});
