import { afterEach, describe, expect, it, vi } from "vitest";
import { errorSummary, log } from "./log";

afterEach(() => vi.restoreAllMocks());

describe("log lines", () => {
  it("are one JSON line with a UTC timestamp; CR/LF in values cannot forge a line", () => {
    const lines: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: string) => void lines.push(line));
    log("warn", "sign_in.failed", { username: "a\nb {\"level\":\"info\"}" });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.split("\n")).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!) as Record<string, string>;
    expect(parsed.username).toBe("a\nb {\"level\":\"info\"}");
    expect(parsed.time).toMatch(/Z$/);
  });

  it("error summaries drop driver parameters", () => {
    const error = new Error('Failed query: insert into "x" values ($1) params: h1:secret-hash\nstack');
    expect(errorSummary(error)).toBe('Error: Failed query: insert into "x" values ($1) ');
  });
});
