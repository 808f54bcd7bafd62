import { describe, expect, it } from "vitest";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import type { ProcedureMeta } from "./init";
import { appRouter } from "./root";

/** Every procedure of the API, with the access it declares (generated from the router itself). */
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation"; meta?: ProcedureMeta } }>).map(
  ([path, procedure]) => ({ path, type: procedure._def.type, access: procedure._def.meta?.access }),
);

const call = (browser: Browser, p: (typeof procedures)[number]) => browser.call(p.path, {}, { method: p.type === "query" ? "GET" : "POST" });
const RANK = { public: 0, person: 1, agent: 2, admin: 3 } as const;

describe("the access matrix, over every procedure", () => {
  it("every procedure declares who may call it", () => {
    expect(procedures.length).toBeGreaterThan(30);
    expect(procedures.filter((p) => !p.access).map((p) => p.path)).toEqual([]);
  });

  it("signed out: 401 SESSION_REQUIRED on every procedure that needs a session", async () => {
    const stranger = new Browser();
    for (const p of procedures.filter((p) => RANK[p.access!] >= RANK.person)) {
      const response = await call(stranger, p);
      expect({ path: p.path, status: response.status, code: response.body.error?.data.appCode }).toEqual({ path: p.path, status: 401, code: "SESSION_REQUIRED" });
    }
  });

  it("a person: FORBIDDEN on every helpdesk and admin procedure", async () => {
    const person = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    const guarded = procedures.filter((p) => RANK[p.access!] >= RANK.agent);
    expect(guarded.length).toBeGreaterThan(3);
    for (const p of guarded) {
      const response = await call(person, p);
      expect({ path: p.path, status: response.status, code: response.body.error?.data.appCode }).toEqual({ path: p.path, status: 403, code: "ACCESS_DENIED" });
    }
  });

  it("an agent: FORBIDDEN on every admin procedure, and past the role check on every helpdesk one", async () => {
    const agent = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true, role: "agent" }));
    for (const p of procedures.filter((p) => p.access === "admin")) {
      const response = await call(agent, p);
      expect({ path: p.path, status: response.status, code: response.body.error?.data.appCode }).toEqual({ path: p.path, status: 403, code: "ACCESS_DENIED" });
    }
    for (const p of procedures.filter((p) => p.access === "agent")) {
      // Empty input: past the role check, the input is refused (or, for a query with defaults, answered).
      const response = await call(agent, p);
      expect({ path: p.path, ok: response.status === 200 || response.body.error?.data.appCode === "INPUT_INVALID" }).toEqual({ path: p.path, ok: true });
    }
  });
});
