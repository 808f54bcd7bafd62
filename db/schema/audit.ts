import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit trail of every security change and staff action. A trigger (migration
 * 0001) refuses UPDATE, DELETE and TRUNCATE. Never a password, code or secret in `detail`.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    action: text("action").notNull(),
    actorKind: text("actor_kind", { enum: ["person", "staff", "system", "setup"] }).notNull(),
    actorPersonId: uuid("actor_person_id"),
    targetPersonId: uuid("target_person_id"),
    ticketId: uuid("ticket_id"),
    correlationId: uuid("correlation_id"),
    clientIp: text("client_ip"),
    outcome: text("outcome", { enum: ["success", "failure"] })
      .notNull()
      .default("success"),
    reason: text("reason"),
    detail: jsonb("detail").$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    index("audit_events_target_idx").on(t.targetPersonId, t.occurredAt),
    index("audit_events_actor_idx").on(t.actorPersonId),
    index("audit_events_ticket_idx").on(t.ticketId, t.id),
  ],
);
