import { z } from "../validation/zod";
import { safeText } from "../validation/text";

export const officePhoneInput = z.strictObject({
  personId: z.uuid(),
  number: safeText({ min: 6, max: 32, minMessage: "validation.phone", maxMessage: "validation.phone" }),
  extension: z.string().trim().max(10, "validation.extension").regex(/^\d*$/, "validation.extension"),
});
export const personRefInput = z.strictObject({ personId: z.uuid() });

/** The second administrator's answer to a pending change (admin-approvals.ts). */
export const decideAdminApprovalInput = z.strictObject({ approvalId: z.uuid(), decision: z.enum(["approve", "refuse"]) });
