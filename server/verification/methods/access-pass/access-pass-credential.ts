import type { FactorCredential } from "../method";
import { redeemAccessPass } from "./access-passes";

/**
 * The temporary access pass behind the contract: not a method a person registers (no mfa_methods
 * row, never offered under "sign in another way"), but a credential with the same verify shape,
 * checked by the engine under the same lockout. Right, it is used up and only lets the person
 * register a new method; wrong, it counts as a second-factor failure.
 */
export const accessPassCredential: FactorCredential = {
  name: "access_pass",
  async verify(db, context, response) {
    const passId = await redeemAccessPass(db, { personId: context.personId, typed: response, at: context.at });
    return passId ? { ok: true, credentialId: passId } : { ok: false, code: "MFA_PASS_INVALID", params: {}, detail: {} };
  },
};
