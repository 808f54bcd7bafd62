import { eq, inArray } from "drizzle-orm";
import { mfaMethods, totpCredentials } from "@/db/schema";
import type { FactorMethod } from "../method";
import { totpEnrolment } from "./register-totp";
import { totpFailure } from "./totp-failures";
import { confirmedTotpMethods, consumeTotpStep } from "./totp-methods";
import { checkTotpCode, type TotpCheck } from "./verify-totp-code";
import { retireMethodRows } from "../retire-rows";

const RANK: Record<TotpCheck["kind"], number> = { match: 4, replayed: 3, drift: 2, wrong: 1, malformed: 0 };

/** The authenticator app (TOTP): six digits that change every 30 seconds. */
export const totpMethod: FactorMethod & { enrol: typeof totpEnrolment } = {
  kind: "totp",
  channels: ["totp"],
  capabilities: { signIn: true, stepUp: true, callerVerification: false, staff: true, firstMethod: true },
  amrByChannel: { totp: ["otp", "swk"] },
  traits: { totp: { response: "typed", challenged: false, strength: 0 } },
  describe: ({ method }) => ({
    methodId: method.id,
    kind: "totp",
    labelKey: "totp",
    detail: null,
    device: "phone",
    amr: ["otp", "swk"],
    managedBy: "person",
    nickname: method.nickname,
    addedAt: method.confirmedAt,
    lastUsedAt: method.lastUsedAt,
  }),
  offers: () => ["totp"],
  page: { href: "/security-info/authenticator", linkKey: "addAuthenticator", actionKey: "add_authenticator" },

  /** A code from any of the person's apps; its time step is consumed, so it works once. */
  async verify(db, context, channel, response) {
    let best: Exclude<TotpCheck, { kind: "match" }> | null = null;
    for (const method of await confirmedTotpMethods(db, context.personId)) {
      let check = await checkTotpCode(method.parameters, response, context.at, method.lastUsedStep);
      if (check.kind === "match" && !(await consumeTotpStep(db, method.methodId, check.timeStep))) {
        check = { kind: "replayed", timeStep: check.timeStep };
      }
      if (check.kind === "match") {
        await db.update(mfaMethods).set({ lastUsedAt: context.at }).where(eq(mfaMethods.id, method.methodId));
        return { ok: true, methodId: method.methodId, channel };
      }
      if (!best || RANK[check.kind] > RANK[best.kind]) best = check;
    }
    return totpFailure(best ?? { kind: "wrong" });
  },

  enrol: totpEnrolment,

  /** A retired app's sealed secret is deleted: no code of that app can ever be checked again. */
  async retireAll(tx, personId, at, only) {
    const retired = await retireMethodRows(tx, { kind: "totp", personId, at, only });
    if (retired.length > 0) await tx.delete(totpCredentials).where(inArray(totpCredentials.methodId, retired));
    return retired;
  },
};
