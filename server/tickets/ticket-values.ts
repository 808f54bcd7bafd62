/** The ticket value lists live with the schema (db/schema/values/tickets.ts); pages and rules read them here. */
export {
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
} from "@/db/schema/values/tickets";
