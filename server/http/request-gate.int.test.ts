import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMITS, gatedListener } from "./request-gate";
import { PEER_HEADER } from "./client-ip";

/**
 * Our server's gate (scripts/serve.ts uses gatedListener in front of Next): a real HTTP server on
 * a free port, with a stand-in for Next that reports what reached it.
 */
let server: http.Server;
let base = "";
const reached: Array<{ url: string; bytes: number; peer: string }> = [];

beforeAll(async () => {
  server = http.createServer(
    gatedListener(async (req, res) => {
      let bytes = 0;
      for await (const chunk of req) bytes += (chunk as Buffer).length;
      reached.push({ url: req.url ?? "", bytes, peer: String(req.headers[PEER_HEADER]) });
      res.end("app");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw request (fetch cannot send a wrong Content-Length or a chunked body on purpose). */
function send(options: { path?: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const request = http.request(`${base}${options.path ?? "/api/trpc/tickets.submit"}`, { method: options.method ?? "POST", headers: options.headers }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body, headers: response.headers }));
    });
    request.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" || (error as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(error)));
    if (options.chunked) {
      request.write(options.body ?? "");
      request.end();
    } else request.end(options.body);
  });
}

const refusal = (r: { body: string }) => (JSON.parse(r.body) as { error: { code: string; message: string } }).error;

describe("the request gate of our server", () => {
  it("lets bodies within the limit through, with the peer address set by the server (not the client)", async () => {
    reached.length = 0;
    const json = JSON.stringify({ a: "x".repeat(BODY_LIMITS.json - 100) });
    const ok = await send({ body: json, headers: { "content-type": "application/json", [PEER_HEADER]: "6.6.6.6" } });
    expect(ok).toMatchObject({ status: 200, body: "app" });
    expect(reached).toEqual([{ url: "/api/trpc/tickets.submit", bytes: Buffer.byteLength(json), peer: "127.0.0.1" }]);
    expect((await send({ method: "GET", path: "/nl/help" })).status).toBe(200);
  });

  it("refuses JSON over 1 MB and forms over 256 KB with 413 REQUEST_TOO_LARGE in the routes' JSON shape, before the app", async () => {
    reached.length = 0;
    const json = await send({ body: JSON.stringify({ a: "x".repeat(BODY_LIMITS.json) }), headers: { "content-type": "application/json", "accept-language": "en" } });
    expect(json.status).toBe(413);
    expect(refusal(json)).toMatchObject({ code: "REQUEST_TOO_LARGE", message: "This request is too large and was not processed." });
    const form = await send({
      path: "/api/help/runs",
      body: `a=${"x".repeat(BODY_LIMITS.form)}`,
      headers: { "content-type": "application/x-www-form-urlencoded", "x-tweestap-locale": "nl" },
    });
    expect(form.status).toBe(413);
    expect(refusal(form)).toMatchObject({ code: "REQUEST_TOO_LARGE", message: "Dit verzoek is te groot en is niet verwerkt." });
    // A form a little under 256 KB is fine; the same size as JSON is fine too.
    expect((await send({ body: `a=${"x".repeat(BODY_LIMITS.form - 10)}`, headers: { "content-type": "multipart/form-data; boundary=x" } })).status).toBe(200);
    expect(reached).toHaveLength(1);
  });

  it("refuses a body that does not say how large it is (chunked), and a nonsense Content-Length", async () => {
    reached.length = 0;
    const chunked = await send({ body: "a=b", chunked: true, headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" } });
    expect(chunked.status).toBe(413);
    expect(refusal(chunked).code).toBe("REQUEST_TOO_LARGE");
    expect(reached).toEqual([]);
  });

  it("refuses a path with a broken percent-escape or a NUL: 400 INPUT_INVALID", async () => {
    reached.length = 0;
    for (const path of ["/api/help/runs/%E0%A4%A", "/nl/tickets/%ZZ", "/api/phone/calls/a%00b"]) {
      const answer = await send({ method: "GET", path });
      expect({ path, status: answer.status, code: refusal(answer).code }).toEqual({ path, status: 400, code: "INPUT_INVALID" });
    }
    expect(reached).toEqual([]);
  });
});
