import { inArray } from "drizzle-orm";
import { totpCredentials } from "@/db/schema";
import type { MethodBasics } from "../method";
import { retireMethodRows } from "../retire-rows";

/** The authenticator app (TOTP): six digits that change every 30 seconds. */
export const totpMethod: MethodBasics = {
  kind: "totp",
  channels: ["totp"],
  capabilities: { signIn: true, stepUp: true, callerVerification: false, staff: true, firstMethod: true },
  describe: ({ method }) => ({
    methodId: method.id,
    kind: "totp",
    labelKey: "totp",
    detail: null,
    device: "phone",
    amr: ["otp", "swk"],
    managedBy: "person",
    addedAt: method.confirmedAt,
    lastUsedAt: method.lastUsedAt,
  }),
  /** A retired app's sealed secret is deleted: no code of that app can ever be checked again. */
  async retireAll(tx, personId, at, only) {
    const retired = await retireMethodRows(tx, { kind: "totp", personId, at, only });
    if (retired.length > 0) await tx.delete(totpCredentials).where(inArray(totpCredentials.methodId, retired));
    return retired;
  },
};
