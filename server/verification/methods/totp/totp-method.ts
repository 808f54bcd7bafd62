import type { MethodBasics } from "../method";

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
    nickname: method.nickname,
    addedAt: method.confirmedAt,
    lastUsedAt: method.lastUsedAt,
  }),
};
