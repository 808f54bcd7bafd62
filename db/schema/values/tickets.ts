/**
 * Ticket categories, priorities and statuses: one list, shared by the schema, forms and rules.
 * Plain constants with no imports, so a form in the browser can use them without the table code
 * (server/tickets/ticket-values.ts passes them on to app/).
 */
export const TICKET_CATEGORIES = [
  "lost_phone",
  "suspicious_sign_in",
  "no_code",
  "new_device",
  "new_number",
  "travelling",
  "not_prompted",
  "cant_disable",
  "error_code",
  "other",
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const TICKET_PRIORITIES = ["high", "normal", "low"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_STATUSES = ["new", "open", "waiting_on_person", "resolved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
