import { TICKET_REFERENCE_PATTERN } from "../tickets/tickets.schemas";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "../tickets/ticket-values";
import { z } from "../validation/zod";
import { isRealMoment, safeText } from "../validation/text";

export const QUEUE_VIEWS = ["new", "mine", "unassigned", "high", "waiting", "breaching", "all"] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The queue's view, filters, search and page (also read from the page's query string). */
export const queueQueryInput = z.object({
  view: z.preprocess(blankToUndefined, z.enum(QUEUE_VIEWS).default("unassigned")),
  status: z.preprocess(blankToUndefined, z.enum(TICKET_STATUSES).optional()),
  category: z.preprocess(blankToUndefined, z.enum(TICKET_CATEGORIES).optional()),
  priority: z.preprocess(blankToUndefined, z.enum(TICKET_PRIORITIES).optional()),
  assignee: z.preprocess(
    blankToUndefined,
    safeText({ max: 254 })
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  olderThanHours: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .optional(),
  ),
  q: z.preprocess(blankToUndefined, safeText({ max: 200 }).optional()),
  /** The keyset cursor "<created at, epoch ms>.<ticket number>", its moment within the real years. */
  after: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,15}\.\d{1,15}$/)
      .refine((v) => isRealMoment(new Date(Number(v.split(".")[0]))))
      .optional(),
  ),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueueQuery = z.infer<typeof queueQueryInput>;

export const assignInput = z.strictObject({
  reference: z.string().regex(TICKET_REFERENCE_PATTERN),
  /** Another agent's username; absent: claim it yourself. */
  to: safeText({ max: 254 })
    .transform((v) => v.toLowerCase())
    .nullable()
    .default(null),
});

export const bulkStatusInput = z.strictObject({
  references: z.array(z.string().regex(TICKET_REFERENCE_PATTERN)).min(1).max(100),
  status: z.enum(TICKET_STATUSES),
});
