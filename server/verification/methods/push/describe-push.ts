import type { MethodDescription, MethodRow } from "../method";

/**
 * RFC 8176 has no value for a push approval; these two say what it is. "swk": the approval is a
 * signature by a key held in software on the phone (the device's P-256 key, kept by WebCrypto and
 * not exportable); "mca": it travels a second channel (phone to server), apart from the browser
 * that signs in. Not "otp" (nothing is typed into the browser) and not "user" (number matching shows
 * the person read this page, but the device attests no user-presence test of its own).
 */
export const PUSH_AMR = ["swk", "mca"] as const;

/**
 * How a push method is named (its describe()): the authenticator app's notifications, with the
 * device's name as the person's own name for it. Kept apart from push-method.ts so the device
 * requests can name it without importing the registry.
 */
export function describePush({ method }: MethodRow): MethodDescription {
  return {
    methodId: method.id,
    kind: "push",
    labelKey: "push",
    detail: null,
    device: "phone",
    amr: [...PUSH_AMR],
    managedBy: "person",
    nickname: method.nickname,
    addedAt: method.confirmedAt,
    lastUsedAt: method.lastUsedAt,
  };
}
