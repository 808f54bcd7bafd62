import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { getEnv } from "./core/env";

describe("/api/health", () => {
  it("answers the public with status, mode and database only: no host name, process ID or instance ID", async () => {
    const response = await GET(new Request("http://localhost/api/health"));
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["database", "mode", "status"]);
    expect(body.status).toBe("ok");
    expect(text).not.toContain(hostname());
    expect(text).not.toContain(getEnv().instanceId);
    expect(text).not.toMatch(new RegExp(`\\b${process.pid}\\b`));
  });
});
