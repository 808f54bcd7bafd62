import type { ErrorParams } from "../../../core/errors";
import { driftParams } from "../../factor-params";
import type { FactorFailure } from "../method";
import type { TotpCheck } from "./verify-totp-code";

/** Why an app code was refused, as a factor failure (a code of the wrong form is a typing slip). */
export function totpFailure(check: Exclude<TotpCheck, { kind: "match" }>): FactorFailure {
  const fail = (code: FactorFailure["code"], params: ErrorParams, detail: FactorFailure["detail"]): FactorFailure => ({ ok: false, code, params, detail });
  switch (check.kind) {
    case "malformed":
      return { ...fail("MFA_CODE_MALFORMED", {}, {}), tally: "given_back" };
    case "replayed":
      return fail("MFA_CODE_REPLAYED", {}, { event: "authn_token_reuse" });
    case "drift":
      return fail("MFA_CLOCK_DRIFT", driftParams(check.offsetSeconds), { clockOffsetSeconds: check.offsetSeconds });
    default:
      return fail("MFA_CODE_INVALID", {}, {});
  }
}
