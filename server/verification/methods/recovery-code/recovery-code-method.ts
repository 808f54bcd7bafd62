import type { MethodBasics } from "../method";

const usedAt = (value: unknown) => (typeof value === "string" ? { time: value } : "");

/**
 * Recovery codes on paper (or in a password manager): one set of ten single-use codes, for when the
 * phone is lost. Never a first method, never for caller verification (a code read out to the
 * helpdesk would be spent), and not for staff, whose accounts sign in with an authenticator.
 */
export const recoveryCodeMethod: MethodBasics = {
  kind: "recovery_code",
  channels: ["recovery_code"],
  capabilities: { signIn: true, stepUp: true, callerVerification: false, staff: false, firstMethod: false },
  amrByChannel: { recovery_code: ["otp"] },
  describe: ({ method }) => ({
    methodId: method.id,
    kind: "recovery_code",
    labelKey: "recovery_code",
    detail: null,
    device: "paper",
    amr: ["otp"],
    managedBy: "person",
    addedAt: method.confirmedAt,
    lastUsedAt: method.lastUsedAt,
  }),
  findings: [
    {
      finding: "recovery_code_used",
      when: (failed) => failed.code === "MFA_RECOVERY_CODE_USED",
      params: (failed) => ({ usedAt: usedAt(failed.facts.codeUsedAt) }),
      wizard: "lost-phone",
    },
    { finding: "recovery_code_invalid", when: (failed) => failed.code === "MFA_CODE_INVALID" && failed.method === "recovery_code", wizard: "lost-phone" },
  ],
};
