import type { MethodDescription, MethodRow } from "../method";
import { maskPhone } from "./phone-number";

/**
 * How a phone is named (the phone method's describe()): kept apart from phone-method.ts so the call
 * module can name a phone without importing the registry (which imports the call module).
 */
export function describePhone({ method, phone }: MethodRow): MethodDescription {
  return {
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
  };
}
