import { afterEach, describe, expect, it, vi } from "vitest";
import { errorSummary, log } from "./log";

afterEach(() => vi.restoreAllMocks());

describe("log lines", () => {
  it("are one JSON line with a UTC timestamp; CR/LF in values cannot forge a line", () => {
    const lines: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: string) => void lines.push(line));
    log("warn", "sign_in.failed", { username: 'a\nb {"level":"info"}' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.split("\n")).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!) as Record<string, string>;
    expect(parsed.username).toBe('a\nb {"level":"info"}');
    expect(parsed.time).toMatch(/Z$/);
  });

  it("database errors are logged by class and SQLSTATE only: never their SQL or values", () => {
    const driver = Object.assign(new Error('invalid input syntax for type uuid: "secret-token"'), { name: "error", code: "22P02", severity: "ERROR" });
    const error = Object.assign(new Error('Failed query: select * from "wizard_runs" where "token_hash" = $1\nparams: h1:secret-hash', { cause: driver }), {
      name: "DrizzleQueryError",
      query: 'select * from "wizard_runs" where "token_hash" = $1',
      params: ["h1:secret-hash"],
    });
    expect(errorSummary(error)).toBe("DrizzleQueryError (error) 22P02");
    expect(errorSummary(driver)).toBe("error 22P02");
  });

  it("error summaries drop driver parameters", () => {
    const error = new Error('Failed query: insert into "x" values ($1) params: h1:secret-hash\nstack');
    expect(errorSummary(error)).toBe('Error: Failed query: insert into "x" values ($1) ');
  });
});
