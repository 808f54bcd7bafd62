/**
 * Benchmark (not a test): the helpdesk queue over 1,000,000 tickets. Prints p50/p95 of each view's
 * first and 50th page (25 rows, keyset pagination) and of searches: correlation ID, reference,
 * username, error code, and free text (a common word, and text in a single ticket).
 * Runs in-process on a fresh PGlite in a temporary directory, or on BENCH_DATABASE_URL (a Postgres
 * database it may fill). Run: npm run bench:queue [-- <tickets>]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const RUNS = 20;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweestap-bench-queue-"));
Object.assign(process.env, { TWEESTAP_MODE: "demo", DATA_DIR: dataDir });
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;

const { getDb, closeDb } = await import("../db/client");
const { prepareApp } = await import("../server/startup");
const { sql, eq } = await import("drizzle-orm");
const schema = await import("../db/schema");
const { listQueue } = await import("../server/helpdesk/queue");
const { queueQueryInput, QUEUE_VIEWS } = await import("../server/helpdesk/queue.schemas");

await prepareApp();
const db = await getDb();
const [agent] = await db.select().from(schema.people).where(eq(schema.people.username, "joost"));
const session = {
  sessionId: "00000000-0000-4000-8000-000000000000",
  displaySessionId: "BNCH-BNCH-BNCH",
  correlationId: null,
  person: { id: agent!.id, username: agent!.username, displayName: agent!.displayName, role: agent!.role, locale: agent!.locale },
  createdAt: new Date(),
  factorVerifiedAt: new Date(),
};

const started = performance.now();
const BATCH = 100_000;
for (let from = 1; from <= TOTAL; from += BATCH) {
  const to = Math.min(TOTAL, from + BATCH - 1);
  await db.execute(sql`
    insert into tickets (submitted_by, requester_name, requester_username, locale, category, priority, status, subject, description,
      correlation_id, error_code, redactions, status_token_hash, idempotency_key, request_hash, assignee_id, created_at, updated_at, first_response_at)
    select 'anonymous', 'Bench', 'bench-' || (g % 5000), 'nl',
      (array['lost_phone','no_code','new_device','new_number','travelling','not_prompted','cant_disable','error_code','other','suspicious_sign_in'])[1 + g % 10],
      (array['high','normal','normal','low'])[1 + g % 4],
      (array['new','open','waiting_on_person','resolved','closed','closed'])[1 + g % 6],
      'Bench ticket ' || g, 'Generated for the queue benchmark, number ' || g,
      gen_random_uuid(), case when g % 3 = 0 then 'MFA_CODE_EXPIRED' else null end, '[]'::jsonb,
      'bench-status-' || g, 'bench-key-' || g, 'bench',
      case when g % 7 = 0 then ${agent!.id}::uuid else null end,
      now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval,
      case when g % 2 = 0 then now() - (g || ' seconds')::interval + interval '10 minutes' else null end
    from generate_series(${from}::int, ${to}::int) g`);
}
await db.execute(sql`analyze tickets`);
console.log(`generated ${TOTAL.toLocaleString("en")} tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  await run(); // warm
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const rows: Array<[string, string, { p50: number; p95: number }]> = [];
for (const view of QUEUE_VIEWS) {
  const query = queueQueryInput.parse({ view, limit: 25 });
  rows.push([view, "page 1", await timed(() => listQueue(session, query))]);
  let after: string | null = null;
  for (let page = 1; page < 50; page++) {
    const result: { next: string | null } = await listQueue(session, { ...query, after: after ?? undefined });
    after = result.next;
    if (!after) break;
  }
  if (after) rows.push([view, "page 50", await timed(() => listQueue(session, { ...query, after: after! }))]);
  else rows.push([view, "page 50", { p50: NaN, p95: NaN }]);
}
const ids = (await db.execute(sql`select correlation_id from tickets where correlation_id is not null order by random() limit ${RUNS + 1}`)) as unknown as {
  rows: Array<{ correlation_id: string }>;
};
let next = 0;
rows.push(["search", "correlation ID", await timed(() => listQueue(session, queueQueryInput.parse({ view: "all", q: ids.rows[next++ % ids.rows.length]!.correlation_id })))]);
const search = (q: () => string) => timed(() => listQueue(session, queueQueryInput.parse({ view: "all", q: q() })));
let n = 0;
rows.push(["search", "reference", await search(() => `TS-${String(1 + ((n++ * 7919) % TOTAL)).padStart(6, "0")}`)]);
rows.push(["search", "username", await search(() => `bench-${(n++ * 31) % 5000}`)]);
rows.push(["search", "error code", await search(() => "MFA_CODE_EXPIRED")]);
// Text: a word in every ticket (the newest 25 match at once), and one in a single ticket (the worst case: every row is read).
rows.push(["search", "text, common", await search(() => "generated")]);
rows.push(["search", "text, one hit", await search(() => `number ${1 + ((n++ * 7919) % TOTAL)}`)]);

console.log(`\nqueue over ${TOTAL.toLocaleString("en")} tickets (${process.env.DATABASE_URL ? "Postgres" : "PGlite"}), ${RUNS} runs each, ms`);
console.log(["view".padEnd(12), "page".padEnd(16), "p50".padStart(8), "p95".padStart(8)].join(" "));
for (const [view, page, t] of rows) console.log([view.padEnd(12), page.padEnd(16), t.p50.toFixed(1).padStart(8), t.p95.toFixed(1).padStart(8)].join(" "));

await closeDb();
fs.rmSync(dataDir, { recursive: true, force: true });
