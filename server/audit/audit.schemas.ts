import { parseTicketReference } from "../tickets/tickets.schemas";
import { z } from "../validation/zod";
import { boundedDate, safeText } from "../validation/text";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Audit viewer filters, from a query string (every field optional; bad ones refused). */
export const auditFiltersInput = z.object({
  action: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z_]+\.[a-z_]+$/)
      .optional(),
  ),
  actor: z.preprocess(
    blankToUndefined,
    safeText({ max: 254 })
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  person: z.preprocess(
    blankToUndefined,
    safeText({ max: 254 })
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  ticket: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v, ctx) => {
        const n = parseTicketReference(v);
        if (n === null) ctx.addIssue({ code: "custom", message: "validation.reference" });
        return n ?? 0;
      })
      .optional(),
  ),
  outcome: z.preprocess(blankToUndefined, z.enum(["success", "failure"]).optional()),
  from: z.preprocess(blankToUndefined, boundedDate.optional()),
  to: z.preprocess(blankToUndefined, boundedDate.optional()),
  before: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()),
});
export type AuditFilters = Omit<z.infer<typeof auditFiltersInput>, "before">;
