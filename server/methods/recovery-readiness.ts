import { getDb } from "@/db/client";
import type { SessionContext } from "../auth/sessions";
import type { MethodNudge } from "../verification/methods/method";
import { methodRows } from "../verification/methods/method-rows";
import { maskPhone } from "../verification/methods/phone/phone-number";
import { allMethods, describeMethod, isLastResort } from "../verification/methods/registry";

/**
 * Recovery readiness: what would leave the person locked out if they lost their phone, each with
 * its fix on security info.
 * - only_one_method: a single method (recovery codes beside it do not make two); add a second;
 * - one_device: every method lives on one phone (the app's codes and notifications, and that phone's number); add another
 *   phone or an office phone;
 * - unverified_number: a number was added but its code never confirmed; finish or remove it;
 * - then each method's own nudges (its readiness part: recovery codes running out), fixed on its page.
 */
export type GeneralNudge = { nudge: "only_one_method" } | { nudge: "one_device" } | { nudge: "unverified_number"; display: string; methodId: string };
export type ReadinessNudge = GeneralNudge | MethodNudge;

/** Where each general nudge's fix is done. */
const GENERAL_FIX: Record<GeneralNudge["nudge"], string> = {
  only_one_method: "/security-info/phone?backup=1",
  one_device: "/security-info/phone",
  unverified_number: "/security-info/phone",
};

const isGeneral = (nudge: ReadinessNudge): nudge is GeneralNudge => Object.hasOwn(GENERAL_FIX, nudge.nudge);

/** Every nudge readiness can give, general ones first (messages securityInfo.readiness.<nudge> and .fix_<nudge>). */
export function readinessNudgeNames(): string[] {
  return [...Object.keys(GENERAL_FIX), ...allMethods().flatMap((m) => m.readiness?.nudges ?? [])];
}

/** Where a nudge's fix is done: a general nudge's page, or the page of the method that gives it. */
export function readinessFix(nudge: ReadinessNudge): string {
  if (isGeneral(nudge)) return GENERAL_FIX[nudge.nudge];
  const page = allMethods().find((m) => m.readiness?.nudges.includes(nudge.nudge))?.page;
  if (!page) throw new Error(`no method page fixes the nudge ${nudge.nudge}`);
  return page.href;
}

/** The values a nudge's message names. */
export function nudgeParams(nudge: ReadinessNudge): Record<string, string | number> {
  if (!isGeneral(nudge)) {
    const { nudge: _name, ...values } = nudge;
    return values;
  }
  if (nudge.nudge === "unverified_number") return { number: nudge.display };
  return {};
}

export async function recoveryReadiness(session: SessionContext): Promise<ReadinessNudge[]> {
  const db = await getDb();
  const rows = await methodRows(db, session.person.id, { state: "current" });
  const active = rows.filter((r) => r.method.confirmedAt);
  // A last resort (recovery codes) is not a way in of its own: one other method is still only one.
  const ownWays = active.filter((r) => !isLastResort(r.method.kind));
  const nudges: ReadinessNudge[] = [];
  // An app on the phone (its codes, its notifications) or that phone's own number: all on one device.
  const onThePhone = (r: (typeof active)[number]) => (!r.phone && describeMethod(r).device === "phone") || r.phone?.role === "mobile";
  if (ownWays.length <= 1 && active.length > 0) nudges.push({ nudge: "only_one_method" });
  else if (active.length > 1 && active.every(onThePhone) && active.filter((r) => r.phone?.role === "mobile").length <= 1) {
    nudges.push({ nudge: "one_device" });
  }
  const verified = new Set(active.map((r) => r.phone?.e164).filter(Boolean));
  const pending = new Map<string, string>();
  for (const r of rows) {
    if (!r.method.confirmedAt && r.phone && !r.phone.verifiedAt && !verified.has(r.phone.e164)) pending.set(r.phone.e164, r.method.id);
  }
  for (const [e164, methodId] of pending) nudges.push({ nudge: "unverified_number", display: maskPhone(e164), methodId });
  for (const method of allMethods()) if (method.readiness) nudges.push(...(await method.readiness.check(db, session.person.id)));
  return nudges;
}
