import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaMethods } from "@/db/schema";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { optionalSession } from "../../../auth/require-session";
import { now } from "../../../core/clock";
import { nudgeParams, readinessFix, recoveryReadiness } from "../../../methods/recovery-readiness";
import { spendRecoveryCode, storeRecoveryCodes } from "./recovery-codes";

/** Recovery readiness (server/methods/recovery-readiness.ts) for a person with the app, a mobile and a set of codes, `used` of them spent. */
async function nudgesAt(used: number) {
  const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: "+31611122299" });
  const db = await getDb();
  const [set] = await db.insert(mfaMethods).values({ personId: person.id, kind: "recovery_code", label: "Recovery codes", createdAt: now(), confirmedAt: now() }).returning();
  const codes = await storeRecoveryCodes(db, { personId: person.id, methodId: set!.id, at: now() });
  for (const code of codes.slice(0, used)) await spendRecoveryCode(db, { personId: person.id, typed: code, at: now() });
  const browser = await signedInWithCode(person);
  return recoveryReadiness((await optionalSession(browser.cookieHeader()))!);
}

describe("recovery readiness: the recovery codes' own nudge", () => {
  it("fewer than 3 recovery codes left: make new ones; 3 or more: no nudge (and paper counts as a second device)", async () => {
    expect(await nudgesAt(7)).toEqual([]);
    const nudges = await nudgesAt(8);
    expect(nudges).toEqual([{ nudge: "few_recovery_codes", remaining: 2 }]);
    // Its message names how many are left; its fix is the recovery codes' own page.
    expect(nudgeParams(nudges[0]!)).toEqual({ remaining: 2 });
    expect(readinessFix(nudges[0]!)).toBe("/security-info/recovery-codes");
  });
});
