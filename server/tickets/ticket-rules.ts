import type { TicketCategory, TicketPriority } from "./ticket-values";

/**
 * Priority rules: a lost or stolen phone and a sign-in the person reports as not theirs are high
 * (someone else may be signing in); questions that need no change are low; the rest normal.
 * A sign-in whose call was reported as fraud (0#) counts as reported, whatever the category.
 */
const BY_CATEGORY: Record<TicketCategory, TicketPriority> = {
  lost_phone: "high",
  suspicious_sign_in: "high",
  no_code: "normal",
  new_device: "normal",
  new_number: "normal",
  travelling: "normal",
  not_prompted: "low",
  cant_disable: "low",
  error_code: "normal",
  other: "normal",
};

export function priorityFor(input: { category: TicketCategory; finding: string | null }): TicketPriority {
  if (input.finding === "call_fraud_reported") return "high";
  return BY_CATEGORY[input.category];
}
