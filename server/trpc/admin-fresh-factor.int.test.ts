import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, people } from "@/db/schema";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { moveClockForTests } from "../core/clock";
import { FRESH_FACTOR_SECONDS } from "../methods/fresh-factor";
import type { ProcedureMeta } from "./init";
import { appRouter } from "./root";

/** Every administrator mutation of the API (generated from the router: a new one is covered without editing this test). */
const adminMutations = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation"; meta?: ProcedureMeta } }>)
  .filter(([, procedure]) => procedure._def.meta?.access === "admin" && procedure._def.type === "mutation")
  .map(([path]) => path);

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

async function signedInAdmin() {
  const person = await createTestPerson({ policy: "strict", authenticator: true, role: "admin" });
  return { person, browser: await signedInWithCode(person) };
}

async function auditRowsBy(personId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.actorPersonId, personId));
  return row!.n;
}

describe("every admin mutation needs a fresh second factor (generated over the router)", () => {
  it("finds the admin mutations", () => {
    expect(adminMutations).toEqual(
      expect.arrayContaining([
        "admin.createPerson",
        "admin.importPeople",
        "admin.setRole",
        "admin.setManager",
        "admin.setDisabled",
        "admin.setOfficePhone",
        "admin.removeOfficePhone",
        "admin.decideApproval",
      ]),
    );
  });

  it("a signed-in administrator whose factor is older than 10 minutes: 403 MFA_FRESH_FACTOR_REQUIRED on each, and nothing is written", async () => {
    const { person, browser } = await signedInAdmin();
    // With a fresh factor the gate is open: the empty input is what each one refuses.
    for (const path of adminMutations) {
      expect({ path, code: appCode(await browser.call(path, {})) }).toEqual({ path, code: "INPUT_INVALID" });
    }
    moveClockForTests((FRESH_FACTOR_SECONDS + 60) * 1000);
    const before = await auditRowsBy(person.id);
    for (const path of adminMutations) {
      // The check comes before the input: even an empty body learns nothing but "confirm it's you".
      const response = await browser.call(path, {});
      expect({ path, status: response.status, code: appCode(response) }).toEqual({ path, status: 403, code: "MFA_FRESH_FACTOR_REQUIRED" });
    }
    expect(await auditRowsBy(person.id)).toBe(before);
  });

  it("a valid change from a stale session is refused and changes nothing; after 'confirm it's you' the same call goes through", async () => {
    const { person, browser } = await signedInAdmin();
    moveClockForTests((FRESH_FACTOR_SECONDS + 1) * 1000);
    const username = `stale-${randomUUID().slice(0, 8)}`;
    const input = { username, displayName: "Stale Session", email: `${username}@example.test`, locale: "nl", role: "person" };
    expect(appCode(await browser.call("admin.createPerson", input))).toBe("MFA_FRESH_FACTOR_REQUIRED");
    const db = await getDb();
    expect(await db.select().from(people).where(eq(people.username, username))).toHaveLength(0);

    expect((await browser.call("methods.confirmIdentity", { code: await person.code() })).status).toBe(200);
    expect((await browser.call("admin.createPerson", input)).body.result?.data).toMatchObject({ username, status: "applied" });
    expect(await db.select().from(people).where(eq(people.username, username))).toHaveLength(1);
  });
});
