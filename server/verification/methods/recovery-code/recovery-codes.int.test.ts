import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaMethods, recoveryCodes } from "@/db/schema";
import { createTestPerson } from "@/test/people";
import { now } from "../../../core/clock";
import { RECOVERY_CODE_COUNT, remainingRecoveryCodes, storeRecoveryCodes, spendRecoveryCode } from "./recovery-codes";

async function personWithCodes() {
  const db = await getDb();
  const person = await createTestPerson({ policy: "strict", authenticator: true });
  const at = now();
  const [method] = await db.insert(mfaMethods).values({ personId: person.id, kind: "recovery_code", label: "Recovery codes", createdAt: at, confirmedAt: at }).returning();
  const codes = await db.transaction((tx) => storeRecoveryCodes(tx, { personId: person.id, methodId: method!.id, at }));
  return { db, person, methodId: method!.id, codes };
}

describe("recovery codes", () => {
  it("ten distinct codes of 16 readable characters, stored only as hashes", async () => {
    const { db, methodId, codes } = await personWithCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const stored = JSON.stringify(await db.select().from(recoveryCodes).where(eq(recoveryCodes.methodId, methodId)));
    for (const code of codes) {
      expect(stored).not.toContain(code.replaceAll("-", "").slice(2));
      expect(stored).not.toContain(code);
    }
  });

  it("a code works once, typed loosely; used again it is recognised as used; a wrong one is wrong", async () => {
    const { db, person, codes } = await personWithCodes();
    const typed = codes[0]!.toLowerCase().replaceAll("-", " ");
    expect(await spendRecoveryCode(db, { personId: person.id, typed, at: now() })).toMatchObject({ kind: "match", remaining: 9 });
    expect(await spendRecoveryCode(db, { personId: person.id, typed: codes[0]!, at: now() })).toMatchObject({ kind: "used" });
    expect(await remainingRecoveryCodes(db, person.id)).toBe(9);
    // Same lookup ID, different secret: wrong, and it does not spend the real code.
    const forged = codes[1]!.slice(0, -1) + (codes[1]!.endsWith("Z") ? "Y" : "Z");
    expect(await spendRecoveryCode(db, { personId: person.id, typed: forged, at: now() })).toEqual({ kind: "wrong" });
    expect(await spendRecoveryCode(db, { personId: person.id, typed: "12345", at: now() })).toEqual({ kind: "malformed" });
    expect(await spendRecoveryCode(db, { personId: person.id, typed: codes[1]!, at: now() })).toMatchObject({ kind: "match", remaining: 8 });
  });

  it("another person's code, or a code of a removed set, is wrong", async () => {
    const first = await personWithCodes();
    const second = await personWithCodes();
    expect(await spendRecoveryCode(first.db, { personId: second.person.id, typed: first.codes[0]!, at: now() })).toEqual({ kind: "wrong" });
    await first.db.update(mfaMethods).set({ removedAt: now() }).where(eq(mfaMethods.id, first.methodId));
    expect(await spendRecoveryCode(first.db, { personId: first.person.id, typed: first.codes[0]!, at: now() })).toEqual({ kind: "wrong" });
    expect(await remainingRecoveryCodes(first.db, first.person.id)).toBeNull();
  });

  it("ten uses of one code at the same moment: exactly one succeeds", async () => {
    const { db, person, codes } = await personWithCodes();
    const results = await Promise.all(Array.from({ length: 10 }, () => db.transaction((tx) => spendRecoveryCode(tx, { personId: person.id, typed: codes[2]!, at: now() }))));
    expect(results.filter((r) => r.kind === "match")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "used")).toHaveLength(9);
    expect(await remainingRecoveryCodes(db, person.id)).toBe(9);
  });
});
