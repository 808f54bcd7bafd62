import { and, count, eq, gte, isNotNull, isNull, sql, type AnyColumn } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mfaMethods, phoneNumbers, signInEvents, tickets } from "@/db/schema";
import { addSeconds, now } from "../core/clock";
import type { MethodDescription } from "../verification/methods/method";

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
  const byStatus = await db.select({ key: tickets.status, n: count() }).from(tickets).where(gte(tickets.createdAt, since)).groupBy(tickets.status).orderBy(sql`count(*) desc`);
  // Minutes from filing to a moment, at a percentile; tickets without that moment yet are left out (nulls are ignored).
  const minutes = (to: AnyColumn, p: number) =>
    sql<number | null>`percentile_cont(${sql.raw(String(p))}) within group (order by extract(epoch from (${to} - ${tickets.createdAt})) / 60)`;
  const times = await db
    .select({
      priority: tickets.priority,
      firstResponseMedian: minutes(tickets.firstResponseAt, 0.5),
      firstResponseP90: minutes(tickets.firstResponseAt, 0.9),
      resolutionMedian: minutes(tickets.resolvedAt, 0.5),
      resolutionP90: minutes(tickets.resolvedAt, 0.9),
    })
    .from(tickets)
    .where(gte(tickets.createdAt, since))
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
      const row = times.find((r) => r.priority === priority);
      return {
        priority,
        firstResponseMedian: round(row?.firstResponseMedian ?? null),
        firstResponseP90: round(row?.firstResponseP90 ?? null),
        resolutionMedian: round(row?.resolutionMedian ?? null),
        resolutionP90: round(row?.resolutionP90 ?? null),
      };
    }),
    failuresByCode: failuresByCode.map((r) => ({ key: r.key as string, n: r.n })),
    // Keyed by the label a description gives (methods.labels): a phone by its role, another method by its kind.
    methods: methods.map((r) => ({ key: (r.role ?? r.kind) as MethodDescription["labelKey"], n: r.n })),
  };
}
