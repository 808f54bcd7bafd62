import type { IdentityCheck } from "@/db/schema/values/helpdesk";

export { IDENTITY_CHECKS, type IdentityCheck } from "@/db/schema/values/helpdesk";

/**
 * The rule for an identity check instead of caller verification (issue 10): refused while the
 * person has a verification target (a code can reach them), unless the agent records that the
 * phone is lost or compromised; and then only an in-person ID check (an attacker who has the
 * phone and the password must not be helped by a manager's word over email). Null: allowed.
 */
export function identityCheckRefusal(input: {
  identityCheck: IdentityCheck;
  phoneLost: boolean;
  verificationTargets: number;
}): "HELPDESK_IDENTITY_CHECK_NOT_ALLOWED" | "HELPDESK_IN_PERSON_ONLY" | null {
  if (input.verificationTargets > 0 && !input.phoneLost) return "HELPDESK_IDENTITY_CHECK_NOT_ALLOWED";
  if (input.phoneLost && input.identityCheck !== "in_person_id") return "HELPDESK_IN_PERSON_ONLY";
  return null;
}
