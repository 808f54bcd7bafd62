import { eq } from "drizzle-orm";
import { mfaMethods } from "@/db/schema";
import { recordAudit } from "../../../audit/record-audit";
import { noticeToPerson } from "../../../delivery/enqueue";
import type { FactorFailure, FactorMethod } from "../method";
import { retireMethodRows } from "../retire-rows";
import { recoveryCodeProcedures } from "./recovery-code-procedures";
import { RECOVERY_CODE_SOURCE } from "./recovery-code-shape";
import { RECOVERY_CODES_LOW, remainingRecoveryCodes, spendRecoveryCode } from "./recovery-codes";

const usedAt = (value: unknown) => (typeof value === "string" ? { time: value } : "");
const fail = (code: FactorFailure["code"], detail: FactorFailure["detail"] = {}): FactorFailure => ({ ok: false, code, params: {}, detail });

/**
 * Recovery codes on paper (or in a password manager): one set of ten single-use codes, for when the
 * phone is lost. Offered last under "sign in another way" and never the default; never a first
 * method, never for caller verification (a code read out to the helpdesk would be spent), and not
 * for staff, whose accounts sign in with an authenticator. (`satisfies`, so the registry keeps the
 * types of its own procedures for the methods router.)
 */
export const recoveryCodeMethod = {
  kind: "recovery_code",
  channels: ["recovery_code"],
  capabilities: { signIn: true, stepUp: true, callerVerification: false, staff: false, firstMethod: false },
  amrByChannel: { recovery_code: ["otp"] },
  traits: { recovery_code: { response: "typed", challenged: false, strength: 9, lastResort: true, characters: "letters" } },
  describe: ({ method }) => ({
    methodId: method.id,
    kind: "recovery_code",
    labelKey: "recovery_code",
    detail: null,
    device: "paper",
    amr: ["otp"],
    managedBy: "person",
    nickname: method.nickname,
    addedAt: method.confirmedAt,
    lastUsedAt: method.lastUsedAt,
  }),
  offers: () => ["recovery_code"],
  page: { href: "/security-info/recovery-codes", linkKey: "recoveryCodes", actionKey: "recovery_codes" },
  procedures: recoveryCodeProcedures,

  /** One code of the active set, used up at once (a code used before: MFA_RECOVERY_CODE_USED, with when). */
  async verify(db, context, channel, response) {
    const check = await spendRecoveryCode(db, { personId: context.personId, typed: response, at: context.at });
    switch (check.kind) {
      case "match":
        await db.update(mfaMethods).set({ lastUsedAt: context.at }).where(eq(mfaMethods.id, check.methodId));
        await recordAudit(db, {
          action: "method.recovery_code_used",
          actorKind: "person",
          actorPersonId: context.personId,
          targetPersonId: context.personId,
          correlationId: context.correlationId,
          clientIp: context.clientIp,
          detail: { methodId: check.methodId, remaining: check.remaining, purpose: context.purpose },
        });
        await noticeToPerson(db, { personId: context.personId, template: "recovery_code_used", params: { remaining: check.remaining }, correlationId: context.correlationId });
        return { ok: true, methodId: check.methodId, channel };
      case "used":
        return fail("MFA_RECOVERY_CODE_USED", { codeUsedAt: check.usedAt.toISOString() });
      case "malformed":
        return { ...fail("MFA_CODE_MALFORMED"), tally: "given_back" };
      default:
        return fail("MFA_CODE_INVALID");
    }
  },

  /** Fewer than 3 codes left in the set: make a new set (a person without a set is not nudged here). */
  readiness: {
    nudges: ["few_recovery_codes"],
    async check(db, personId) {
      const remaining = await remainingRecoveryCodes(db, personId);
      return remaining !== null && remaining < RECOVERY_CODES_LOW ? [{ nudge: "few_recovery_codes", remaining }] : [];
    },
  },

  /** A code pasted into a ticket is redacted (reported as recovery_code). */
  secrets: [{ name: "recovery_code", source: RECOVERY_CODE_SOURCE }],

  /** Retiring the set: its method row is removed, so none of its codes works any more. */
  retireAll: (tx, personId, at, only) => retireMethodRows(tx, { kind: "recovery_code", personId, at, only }),

  findings: [
    {
      finding: "recovery_code_used",
      when: (failed) => failed.code === "MFA_RECOVERY_CODE_USED",
      params: (failed) => ({ usedAt: usedAt(failed.facts.codeUsedAt) }),
      wizard: "lost-phone",
    },
    { finding: "recovery_code_invalid", when: (failed) => failed.code === "MFA_CODE_INVALID" && failed.method === "recovery_code", wizard: "lost-phone" },
  ],
} satisfies FactorMethod;
