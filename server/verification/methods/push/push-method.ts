import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods, pushDevices } from "@/db/schema";
import type { FactorFailure, FactorMethod, PollResult } from "../method";
import { retireMethodRows } from "../retire-rows";
import { notifyDevice } from "./device-events";
import { describePush, PUSH_AMR } from "./describe-push";
import { pushSubscriptionEvents } from "./push-subscriptions";
import { consumeApproval, latestPushChallenge, markPushCounted, pushStateAt, sendPushChallenge } from "./push-challenges";

const at = (value: unknown) => (typeof value === "string" ? { time: value } : "");

/** The failures a device's answer stands for (counted, or given back, when the answer came in). */
const ANSWER_FAILURES = {
  denied: "MFA_PUSH_DENIED",
  reported: "MFA_PUSH_REPORTED",
  wrong_number: "MFA_PUSH_WRONG_NUMBER",
} as const satisfies Record<string, FactorFailure["code"]>;

/** Whether the request's device can still answer: its method not removed, push not suspended on it. */
async function deviceLive(db: Executor, methodId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: pushDevices.methodId })
    .from(pushDevices)
    .innerJoin(mfaMethods, eq(mfaMethods.id, pushDevices.methodId))
    .where(and(eq(pushDevices.methodId, methodId), isNull(pushDevices.suspendedAt), isNull(mfaMethods.removedAt)));
  return row !== undefined;
}

/**
 * The authenticator app's notifications (issue 12): "approve the sign-in on your phone", always
 * with number matching (the page shows the number, the person types it in the app). Offered
 * first to whoever has it (as in Entra), to staff too (number matching is never optional), and
 * may be the first method (added from security info by an activation, push-activation.ts, not by an
 * enrol part); step-up and caller verification by push come later. Activation,
 * the device's signed requests and the event stream are in this folder (push-activation.ts,
 * device-requests.ts, device-events.ts).
 */
export const pushMethod: FactorMethod = {
  kind: "push",
  channels: ["push"],
  // Not a first method by the enrol part: a device takes up an activation (push-activation.ts) from security info.
  capabilities: { signIn: true, stepUp: false, callerVerification: false, staff: true, firstMethod: false },
  amrByChannel: { push: PUSH_AMR },
  // Before the app's codes (strength 0): the default way for someone who has it.
  traits: { push: { response: "awaited", challenged: true, strength: -1 } },
  describe: describePush,
  inbound: pushSubscriptionEvents,

  /** An activated device on which push is not suspended ("It wasn't me" suspends it). */
  offers: ({ push }) => (push && !push.suspendedAt ? ["push"] : []),

  challenge: (db, context, row, _channel, record) => sendPushChallenge(db, context, row, record),

  /** Nothing is typed for a push: a code sent its way is a slip, never a guess. */
  async verify() {
    return { ok: false, code: "MFA_CODE_MALFORMED", params: {}, detail: {}, tally: "given_back" };
  },

  /**
   * The owner's latest request: waiting ("sent", or "shown" once the device listed it), approved
   * (consumed here, once: the poll that gets it completes the sign-in), or how it failed. No
   * answer in time counts once, here; a wrong number counted when the device answered; a deny or
   * report ended the sign-in then. A request whose device was removed meanwhile: not activated.
   */
  async poll(db, context): Promise<PollResult> {
    const challenge = await latestPushChallenge(db, context.ownerId, context.purpose);
    if (!challenge) return null;
    const state = pushStateAt(challenge, context.at);
    if (state === "pending") {
      if (await deviceLive(db, challenge.methodId)) return { status: "waiting", state: challenge.shownAt ? "shown" : "sent" };
      const first = await markPushCounted(db, challenge.id, context.at);
      return { ok: false, code: "MFA_DEVICE_NOT_ACTIVATED", params: {}, detail: { pushState: "not_activated" }, tally: first ? "given_back" : "already_counted" };
    }
    if (state === "approved") {
      if (!(await consumeApproval(db, challenge.id, context.at))) return null;
      await db.update(mfaMethods).set({ lastUsedAt: context.at }).where(eq(mfaMethods.id, challenge.methodId));
      return { ok: true, methodId: challenge.methodId, channel: "push" };
    }
    if (state === "expired") {
      const counted = await markPushCounted(db, challenge.id, context.at);
      return {
        ok: false,
        code: "MFA_PUSH_TIMEOUT",
        params: {},
        detail: { pushState: "expired", shownOnDevice: challenge.shownAt !== null, expiredAt: challenge.expiresAt.toISOString() },
        ...(counted ? {} : { tally: "already_counted" as const }),
      };
    }
    return { ok: false, code: ANSWER_FAILURES[state], params: {}, detail: { pushState: state }, tally: "already_counted" };
  },

  /**
   * A retired device can answer nothing more (its signed requests are refused: not activated),
   * its linked authenticator codes are retired with it (through the registry), and an open event
   * stream hears it at once.
   */
  async retireAll(tx, personId, when, only) {
    const retired = await retireMethodRows(tx, { kind: "push", personId, at: when, only });
    if (retired.length === 0) return retired;
    const devices = await tx.select().from(pushDevices).where(inArray(pushDevices.methodId, retired));
    const linked = devices.flatMap((d) => (d.linkedTotpMethodId ? [d.linkedTotpMethodId] : []));
    if (linked.length > 0) {
      // Loaded when used: the registry imports this module.
      const { retireMethods } = await import("../registry");
      await retireMethods(tx, { personId, at: when, kinds: ["totp"], only: linked });
    }
    for (const device of devices) await notifyDevice(tx, { deviceId: device.methodId, type: "removed" });
    return retired;
  },

  findings: [
    { finding: "push_timeout_not_shown", when: (f) => f.code === "MFA_PUSH_TIMEOUT" && f.facts.shownOnDevice === false, wizard: "no-code" },
    { finding: "push_timeout", when: (f) => f.code === "MFA_PUSH_TIMEOUT", params: (f) => ({ expiredAt: at(f.facts.expiredAt) }), wizard: "no-code" },
    { finding: "push_wrong_number", when: (f) => f.code === "MFA_PUSH_WRONG_NUMBER", wizard: "no-code" },
    { finding: "push_denied", when: (f) => f.code === "MFA_PUSH_DENIED", wizard: "no-code" },
    { finding: "push_reported", when: (f) => f.code === "MFA_PUSH_REPORTED", wizard: "lost-phone" },
    {
      finding: "push_limit",
      when: (f) => f.code === "MFA_PUSH_LIMIT",
      params: (f) => ({ retryAt: { time: new Date(Date.parse(f.at) + Number(f.facts.retryAfterSeconds ?? 0) * 1000).toISOString() } }),
      wizard: "no-code",
    },
    { finding: "device_not_activated", when: (f) => f.code === "MFA_DEVICE_NOT_ACTIVATED", wizard: "new-device" },
  ],
};
