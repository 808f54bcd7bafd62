import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../core/errors";
import { readForm, withRouteErrors } from "./route-errors";

afterEach(() => vi.restoreAllMocks());

const request = (init: RequestInit & { url?: string } = {}) =>
  new Request(init.url ?? "http://localhost/api/help/runs/secret-run-token-0123456789?x=1", { method: "POST", headers: { "accept-language": "en" }, ...init });

describe("route errors", () => {
  it("an AppError becomes the JSON shape with the catalog's status, in the request's language", async () => {
    const route = withRouteErrors("help/runs/[token]", async () => {
      throw new AppError("SESSION_REQUIRED");
    });
    const answer = await route(request());
    expect(answer.status).toBe(401);
    const body = (await answer.json()) as { error: { code: string; message: string; correlationId: string } };
    expect(body.error).toMatchObject({ code: "SESSION_REQUIRED" });
    expect(body.error.message).toMatch(/sign in/i);
    expect(body.error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const dutch = await route(request({ headers: { "x-tweestap-locale": "nl" } }));
    expect(((await dutch.json()) as { error: { message: string } }).error.message).not.toBe(body.error.message);
  });

  it("an unexpected error: one log line with the route pattern and the error class, never its SQL, values or the URL", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const driver = Object.assign(new Error('invalid input syntax for type uuid: "submitted text"'), { code: "22P02", severity: "ERROR" });
    const route = withRouteErrors("help/runs/[token]", async () => {
      throw Object.assign(new Error('Failed query: select * from "wizard_runs" where "token_hash" = $1\nparams: h1:secret-hash', { cause: driver }), {
        name: "DrizzleQueryError",
        query: 'select * from "wizard_runs" where "token_hash" = $1',
        params: ["h1:secret-hash"],
      });
    });
    const answer = await route(request());
    expect(answer.status).toBe(500);
    const body = (await answer.json()) as { error: { code: string; correlationId: string } };
    expect(body.error.code).toBe("INTERNAL_ERROR");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: "error",
      event: "route.internal_error",
      route: "help/runs/[token]",
      method: "POST",
      correlationId: body.error.correlationId,
      error: "DrizzleQueryError (Error) 22P02",
    });
    for (const secret of ["token_hash", "secret-hash", "submitted text", "secret-run-token", "select"]) expect(lines[0]).not.toContain(secret);
  });

  it("the form parser refuses what is not a readable form with a code, never a 500", async () => {
    const codeOf = (r: Request) =>
      readForm(r).then(
        () => "read",
        (e: unknown) => (e instanceof AppError ? e.code : "crash"),
      );
    expect(await codeOf(request({ body: "{}", headers: { "content-type": "application/json" } }))).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await codeOf(request({ body: "a=b", headers: { "content-type": "text/plain" } }))).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await codeOf(request())).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await codeOf(request({ body: "--x\r\nnonsense", headers: { "content-type": "multipart/form-data; boundary=x" } }))).toBe("INPUT_INVALID");
    const fields = await readForm(request({ body: "a=1&a=2&b=3", headers: { "content-type": "application/x-www-form-urlencoded" } }));
    expect([...fields]).toEqual([
      ["a", ["1", "2"]],
      ["b", ["3"]],
    ]);
  });
});
