import { CALLER_CHANNELS } from "../verification/methods/method";
import { IDENTITY_CHECKS } from "./identity-checks";
import { TICKET_REFERENCE_PATTERN } from "../tickets/tickets.schemas";
import { z } from "../validation/zod";
import { safeText, typedCode } from "../validation/text";

const reference = z.string().regex(TICKET_REFERENCE_PATTERN);

export const ticketReferenceInput = z.strictObject({ reference });

/** The method by its ID and, optionally, the channel the code goes by (default: the method's first); never a number. */
export const startVerificationInput = z.strictObject({ reference, methodId: z.uuid(), channel: z.enum(CALLER_CHANNELS).optional() });

export const confirmVerificationInput = z.strictObject({
  verificationId: z.uuid(),
  code: typedCode,
});

export const RESET_ACTION_VALUES = ["sign_out_everywhere", "unlock", "require_reregistration", "issue_access_pass", "safe_reset"] as const;

export type ResetActionValue = (typeof RESET_ACTION_VALUES)[number];

export const resetInput = z.strictObject({
  reference,
  action: z.enum(RESET_ACTION_VALUES),
  verificationId: z.uuid().optional(),
  approvalId: z.uuid().optional(),
});

export const requestApprovalInput = z.strictObject({
  reference,
  action: z.enum(RESET_ACTION_VALUES),
  identityCheck: z.enum(IDENTITY_CHECKS).optional(),
  /** The agent records that the person's phone is lost or compromised (then only an in-person ID check). */
  phoneLost: z.boolean().optional(),
  reason: safeText({ min: 10, max: 500, multiline: true, minMessage: "validation.reason", maxMessage: "validation.tooLong" }),
});

/** The approver's call carries the digest of the facts they were shown (refused when it does not match). */
export const approveInput = z.strictObject({
  approvalId: z.uuid(),
  factsDigest: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

export const approvalIdInput = z.strictObject({ approvalId: z.uuid() });

/** The manager on record answers an identity check from the link in their email. */
export const managerDecisionInput = z.strictObject({ approvalId: z.uuid(), decision: z.enum(["confirmed", "declined"]) });
