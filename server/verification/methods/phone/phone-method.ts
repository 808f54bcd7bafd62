import type { MethodBasics } from "../method";
import { maskPhone } from "./phone-number";

/**
 * A phone: a mobile takes texts and calls, an alternate or office phone calls only. An office phone
 * is set by an administrator; the person cannot remove it.
 */
export const phoneMethod: MethodBasics = {
  kind: "phone",
  channels: ["sms", "voice"],
  capabilities: { signIn: true, stepUp: true, callerVerification: true, staff: false, firstMethod: true },
  describe: ({ method, phone }) => ({
    methodId: method.id,
    kind: "phone",
    labelKey: phone?.role ?? "mobile",
    detail: phone ? maskPhone(phone.e164) + (phone.extension ? ` (${phone.extension})` : "") : null,
    device: "phone",
    amr: phone?.role === "mobile" ? ["sms", "tel"] : ["tel"],
    managedBy: phone?.role === "office" ? "admin" : "person",
    nickname: method.nickname,
    addedAt: method.confirmedAt,
    lastUsedAt: method.lastUsedAt,
  }),
};
