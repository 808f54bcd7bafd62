import { and, count, eq, gte, isNotNull, isNull, sql, type AnyColumn } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mfaMethods, phoneNumbers, signInEvents, tickets } from "@/db/schema";
import { addSeconds, now } from "../clock";

/**
 * Helpdesk reports over the last `days` (default 30): tickets by category and by status, time to
 * first response and to resolution by priority (median and 90th percentile, in minutes), sign-in
 * failures by catalog code, and the methods people have registered now.
 */
export async function helpdeskReports(days = 30) {
  const db = await getDb();
  const since = addSeconds(now(), -days * 86_400);
  const byCategory = await db
    .select({ key: tickets.category, n: count() })
    .from(tickets)
    .where(gte(tickets.createdAt, since))
    .groupBy(tickets.category)
    .orderBy(sql`count(*) desc`);
  const byStatus = await db
    .select({ key: tickets.status, n: count() })
    .from(tickets)
    .where(gte(tickets.createdAt, since))
    .groupBy(tickets.status)
    .orderBy(sql`count(*) desc`);
  const minutes = (from: AnyColumn, to: AnyColumn, p: number) =>
    sql<number | null>`percentile_cont(${sql.raw(String(p))}) within group (order by extract(epoch from (${to} - ${from})) / 60)`;
  const responseTimes = await db
    .select({
      priority: tickets.priority,
      firstResponseMedian: minutes(tickets.createdAt, tickets.firstResponseAt, 0.5),
      firstResponseP90: minutes(tickets.createdAt, tickets.firstResponseAt, 0.9),
      answered: sql<number>`count(${tickets.firstResponseAt})::int`,
    })
    .from(tickets)
    .where(and(gte(tickets.createdAt, since), isNotNull(tickets.firstResponseAt)))
    .groupBy(tickets.priority);
  const resolutionTimes = await db
    .select({
      priority: tickets.priority,
      resolutionMedian: minutes(tickets.createdAt, tickets.resolvedAt, 0.5),
      resolutionP90: minutes(tickets.createdAt, tickets.resolvedAt, 0.9),
      resolved: sql<number>`count(${tickets.resolvedAt})::int`,
    })
    .from(tickets)
    .where(and(gte(tickets.createdAt, since), isNotNull(tickets.resolvedAt)))
    .groupBy(tickets.priority);
  const failuresByCode = await db
    .select({ key: signInEvents.code, n: count() })
    .from(signInEvents)
    .where(and(gte(signInEvents.occurredAt, since), eq(signInEvents.result, "failure"), isNotNull(signInEvents.code)))
    .groupBy(signInEvents.code)
    .orderBy(sql`count(*) desc`)
    .limit(15);
  const methods = await db
    .select({ kind: mfaMethods.kind, role: phoneNumbers.role, n: count() })
    .from(mfaMethods)
    .leftJoin(phoneNumbers, eq(phoneNumbers.methodId, mfaMethods.id))
    .where(and(isNotNull(mfaMethods.confirmedAt), isNull(mfaMethods.removedAt)))
    .groupBy(mfaMethods.kind, phoneNumbers.role);
  const round = (v: number | null) => (v === null ? null : Math.round(Number(v)));
  return {
    days,
    byCategory: byCategory.map((r) => ({ key: r.key as string, n: r.n })),
    byStatus: byStatus.map((r) => ({ key: r.key as string, n: r.n })),
    times: (["high", "normal", "low"] as const).map((priority) => {
      const first = responseTimes.find((r) => r.priority === priority);
      const resolved = resolutionTimes.find((r) => r.priority === priority);
      return {
        priority,
        firstResponseMedian: round(first?.firstResponseMedian ?? null),
        firstResponseP90: round(first?.firstResponseP90 ?? null),
        resolutionMedian: round(resolved?.resolutionMedian ?? null),
        resolutionP90: round(resolved?.resolutionP90 ?? null),
      };
    }),
    failuresByCode: failuresByCode.map((r) => ({ key: r.key as string, n: r.n })),
    methods: methods.map((r) => ({ key: r.kind === "phone" ? `phone.${r.role}` : r.kind, n: r.n })),
  };
}
