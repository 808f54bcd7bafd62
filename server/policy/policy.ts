import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { organisations } from "@/db/schema";
import { nowMs } from "../core/clock";
import { z } from "../validation/zod";

/**
 * The organisation's policy. Each number is bounded; what an administrator has not set takes the
 * default from PRODUCT.md.
 */
export const policySchema = z.object({
  /** Everyone must use a second factor (people without one are asked to register at sign-in). */
  requireTwoStep: z.boolean().default(true),
  /** Days after an account is created in which a person who never had a method may register one with the password alone. */
  onboardingWindowDays: z.number().int().min(0).max(90).default(14),
  /** How long a code sent by text message works (PRODUCT.md: 180 s, between 60 and 600). */
  textCodeTtlSeconds: z.number().int().min(60).max(600).default(180),
  /** How long a temporary access pass works (PRODUCT.md: 1 h, between 10 min and 8 h). */
  accessPassTtlMinutes: z.number().int().min(10).max(480).default(60),
  /** How many digits the sign-in page shows for a push (number matching; PRODUCT.md: 2, up to 6). */
  pushNumberDigits: z.number().int().min(2).max(6).default(2),
  /** How long a push request can be answered (MFA_PUSH_TIMEOUT; PRODUCT.md: 120 s, at most 10 minutes). */
  pushTimeoutSeconds: z.number().int().min(30).max(600).default(120),
  /** Codes by text message allowed. */
  textAllowed: z.boolean().default(true),
  /** Verification calls allowed. */
  voiceAllowed: z.boolean().default(true),
  /**
   * Country calling codes numbers may have (toll fraud and cost): by default the Netherlands,
   * Belgium, Germany, France and the United Kingdom.
   */
  allowedCountryCodes: z
    .array(z.string().regex(/^[1-9]\d{0,2}$/))
    .max(250)
    .default(["31", "32", "49", "33", "44"]),
});
export type Policy = z.infer<typeof policySchema>;

const CACHE_MS = 30_000;
const cache = new Map<string, { policy: Policy; until: number }>();

/** The one getter for an organisation's policy (cached for 30 s per process). */
export async function getPolicy(db: Executor, organisationId: string): Promise<Policy> {
  const hit = cache.get(organisationId);
  if (hit && hit.until > nowMs()) return hit.policy;
  const [row] = await db.select({ policy: organisations.policy }).from(organisations).where(eq(organisations.id, organisationId));
  const policy = policySchema.parse(row?.policy ?? {});
  cache.set(organisationId, { policy, until: nowMs() + CACHE_MS });
  return policy;
}

/** Stores a policy change (admin console, tests) and forgets the cached copy. */
export async function setPolicy(db: Executor, organisationId: string, change: Partial<Policy>): Promise<Policy> {
  const current = await getPolicy(db, organisationId);
  const policy = policySchema.parse({ ...current, ...change });
  await db.update(organisations).set({ policy }).where(eq(organisations.id, organisationId));
  cache.delete(organisationId);
  return policy;
}
