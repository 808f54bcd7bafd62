import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaMethods, phoneNumbers } from "@/db/schema";
import { optionalSession } from "../auth/require-session";
import { now } from "../core/clock";
import { createTestPerson } from "@/test/people";
import { personWithPush } from "@/test/push";
import { signedInWithCode } from "@/test/sign-in";
import { storeRecoveryCodes } from "../verification/methods/recovery-code/recovery-codes";
import { recoveryReadiness } from "./recovery-readiness";

async function readinessOf(options: Parameters<typeof createTestPerson>[0], extra?: (personId: string) => Promise<void>) {
  const person = await createTestPerson({ policy: "strict", authenticator: true, ...options });
  await extra?.(person.id);
  const browser = await signedInWithCode(person);
  return recoveryReadiness((await optionalSession(browser.cookieHeader()))!);
}

async function addPhone(personId: string, e164: string, role: "mobile" | "alternate", verified: boolean) {
  const db = await getDb();
  const [method] = await db
    .insert(mfaMethods)
    .values({ personId, kind: "phone", label: role, createdAt: now(), confirmedAt: verified ? now() : null })
    .returning();
  await db.insert(phoneNumbers).values({ methodId: method!.id, e164, country: "NL", role, verifiedAt: verified ? now() : null });
}

describe("recovery readiness", () => {
  it("only one method: add a backup", async () => {
    expect(await readinessOf({})).toEqual([{ nudge: "only_one_method" }]);
  });

  it("the app and recovery codes are still only one method (recovery codes are a last resort)", async () => {
    const nudges = await readinessOf({}, async (id) => {
      const db = await getDb();
      const [set] = await db.insert(mfaMethods).values({ personId: id, kind: "recovery_code", label: "Recovery codes", createdAt: now(), confirmedAt: now() }).returning();
      await storeRecoveryCodes(db, { personId: id, methodId: set!.id, at: now() });
    });
    expect(nudges).toEqual([{ nudge: "only_one_method" }]);
  });

  it("the app and the mobile on one phone: add another phone", async () => {
    expect(await readinessOf({ mobile: "+31611122233" })).toEqual([{ nudge: "one_device" }]);
  });

  it("the authenticator's notifications and codes on the same phone as the first app: add another phone", async () => {
    const { browser } = await personWithPush();
    expect(await recoveryReadiness((await optionalSession(browser.cookieHeader()))!)).toEqual([{ nudge: "one_device" }]);
  });

  it("an alternate phone besides: ready, no nudge", async () => {
    expect(await readinessOf({ mobile: "+31611122234" }, (id) => addPhone(id, "+31201234567", "alternate", true))).toEqual([]);
  });

  it("a number added but never confirmed: finish it (once, and not when the same number was confirmed later)", async () => {
    const nudges = await readinessOf({}, async (id) => {
      await addPhone(id, "+31611199988", "mobile", false);
      await addPhone(id, "+31611199988", "mobile", false);
      await addPhone(id, "+31611199977", "mobile", false);
      await addPhone(id, "+31611199977", "mobile", true);
    });
    expect(nudges).toEqual([expect.objectContaining({ nudge: "one_device" }), { nudge: "unverified_number", display: "+31 •• ••• ••88", methodId: expect.any(String) }]);
  });
});
