import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { base32Encode } from "../crypto/base32";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";

/** Rows of a raw query, whichever driver (PGlite or node-postgres) ran it. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

afterEach(() => vi.restoreAllMocks());

describe("secrets at rest", () => {
  it("a dump of every table holds no TOTP seed (base32, hex or base64), and no code or password in any event or audit row", async () => {
    const password = "canary-password-7d1e9b";
    const logLines: string[] = [];
    for (const level of ["log", "info", "warn", "error"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logLines.push(args.map(String).join(" ")));
    }
    const person = await createTestPerson({ policy: "strict", authenticator: true, password });
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password });
    const code = await person.code();
    await browser.call("signIn.code", { code });
    await new Browser().call("signIn.password", { username: person.username, password: `${password}-wrong` });

    const db = await getDb();
    const tables = rowsOf<{ tablename: string }>(await db.execute(sql`select tablename from pg_tables where schemaname = 'public'`));
    let dump = "";
    for (const { tablename } of tables) {
      const rows = rowsOf<{ row: string }>(await db.execute(sql.raw(`select row_to_json(t)::text as row from "${tablename}" t`)));
      dump += rows.map((r) => r.row).join("\n");
    }
    const seed = Buffer.from(person.seed!);
    for (const form of [base32Encode(seed), seed.toString("hex"), seed.toString("base64"), seed.toString("base64url")]) {
      expect(dump.toLowerCase()).not.toContain(form.toLowerCase().replace(/=+$/, ""));
    }
    expect(dump).not.toContain(password);
    const logged = JSON.stringify([rowsOf(await db.execute(sql`select * from sign_in_events`)), rowsOf(await db.execute(sql`select * from audit_events`))]);
    expect(logged).not.toContain(`"${code}"`);
    expect(logged).not.toContain(password);
    const logText = logLines.join("\n");
    expect(logText).not.toContain(password);
    expect(logText).not.toContain(code);
    expect(logText).not.toContain(base32Encode(seed));
  });
});
