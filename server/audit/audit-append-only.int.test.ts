import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { recordAudit } from "./record-audit";

describe("audit trail", () => {
  it("accepts new rows but refuses UPDATE, DELETE and TRUNCATE", async () => {
    const db = await getDb();
    await recordAudit(db, { action: "session.signed_out_everywhere", actorKind: "system", detail: { test: true } });
    await expect(db.update(auditEvents).set({ reason: "rewritten" })).rejects.toThrow();
    await expect(db.delete(auditEvents)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(row!.n).toBeGreaterThan(0);
  });
});
