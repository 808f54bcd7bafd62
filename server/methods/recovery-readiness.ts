import { getDb } from "@/db/client";
import type { SessionContext } from "../auth/sessions";
import { methodRows } from "../verification/methods/method-rows";
import { describeMethod } from "../verification/methods/registry";
import { maskPhone } from "../verification/methods/phone/phone-number";
import { RECOVERY_CODES_LOW, remainingRecoveryCodes } from "../verification/methods/recovery-code/recovery-codes";

/**
 * Recovery readiness: what would leave the person locked out if they lost their phone, each with
 * its fix on security info.
 * - only_one_method: a single method; add a second;
 * - one_device: every method lives on one phone (the app's codes and notifications, and that phone's number); add another
 *   phone or an office phone;
 * - unverified_number: a number was added but its code never confirmed; finish or remove it;
 * - few_recovery_codes: fewer than 3 recovery codes are left; make a new set.
 */
export type ReadinessNudge =
  | { nudge: "only_one_method" }
  | { nudge: "one_device" }
  | { nudge: "unverified_number"; display: string; methodId: string }
  | { nudge: "few_recovery_codes"; remaining: number };

/** Where each nudge's fix is done. */
export const READINESS_FIX: Record<ReadinessNudge["nudge"], string> = {
  only_one_method: "/security-info/phone?backup=1",
  one_device: "/security-info/phone",
  unverified_number: "/security-info/phone",
  few_recovery_codes: "/security-info/recovery-codes",
};

/** The values a nudge's message names. */
export function nudgeParams(nudge: ReadinessNudge): Record<string, string | number> {
  if (nudge.nudge === "unverified_number") return { number: nudge.display };
  if (nudge.nudge === "few_recovery_codes") return { remaining: nudge.remaining };
  return {};
}

export async function recoveryReadiness(session: SessionContext): Promise<ReadinessNudge[]> {
  const db = await getDb();
  const rows = await methodRows(db, session.person.id, { state: "current" });
  const active = rows.filter((r) => r.method.confirmedAt);
  const nudges: ReadinessNudge[] = [];
  // An app on the phone (its codes, its notifications) or that phone's own number: all on one device.
  const onThePhone = (r: (typeof active)[number]) => (!r.phone && describeMethod(r).device === "phone") || r.phone?.role === "mobile";
  if (active.length === 1) nudges.push({ nudge: "only_one_method" });
  else if (active.length > 1 && active.every(onThePhone) && active.filter((r) => r.phone?.role === "mobile").length <= 1) {
    nudges.push({ nudge: "one_device" });
  }
  const verified = new Set(active.map((r) => r.phone?.e164).filter(Boolean));
  const pending = new Map<string, string>();
  for (const r of rows) {
    if (!r.method.confirmedAt && r.phone && !r.phone.verifiedAt && !verified.has(r.phone.e164)) pending.set(r.phone.e164, r.method.id);
  }
  for (const [e164, methodId] of pending) nudges.push({ nudge: "unverified_number", display: maskPhone(e164), methodId });
  const remaining = await remainingRecoveryCodes(db, session.person.id);
  if (remaining !== null && remaining < RECOVERY_CODES_LOW) nudges.push({ nudge: "few_recovery_codes", remaining });
  return nudges;
}
