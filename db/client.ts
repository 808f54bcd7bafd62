/**
 * One process-wide database: embedded PGlite (default, data in DATA_DIR) or a Postgres server
 * (DATABASE_URL). Opened lazily (never at build time), migrated once under an advisory lock so
 * several instances can start together. The raw client lives on globalThis because Next bundles
 * this module more than once per process; each copy wraps it in its own drizzle instance.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { getEnv } from "../server/core/env";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database or a transaction: use cases take either. */
export type Executor = Db | Tx;

type RawClient = { kind: "pglite"; client: PGlite } | { kind: "postgres"; pool: pg.Pool };

const MIGRATION_LOCK = 72_230_001;
const store = globalThis as unknown as {
  __tweestapRawDb?: Promise<RawClient>;
  __tweestapListeners?: Listeners;
};
let wrapped: { raw: RawClient; db: Db } | undefined;

function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

async function openRaw(): Promise<RawClient> {
  const env = getEnv();
  if (env.databaseUrl) {
    const pool = new pg.Pool({ connectionString: env.databaseUrl, max: env.dbPoolMax });
    const connection = await pool.connect();
    try {
      await connection.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      try {
        await migratePg(drizzlePg(connection, { schema }), { migrationsFolder: migrationsFolder() });
      } finally {
        await connection.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
      }
    } finally {
      connection.release();
    }
    return { kind: "postgres", pool };
  }
  const dir = env.pgliteDir;
  if (dir !== "memory://") {
    fs.mkdirSync(dir, { recursive: true });
    claimDataDir(dir);
  }
  const client = new PGlite(dir === "memory://" ? undefined : dir);
  await client.waitReady;
  await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: migrationsFolder() });
  return { kind: "pglite", client };
}

/**
 * PGlite is one connection: a second process opening the same directory would corrupt it. A lock
 * file with our PID refuses that with a clear message (a stale lock of a dead process is taken over).
 */
function claimDataDir(dir: string): void {
  const lock = path.join(dir, "tweestap.lock");
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      process.once("exit", () => fs.rmSync(lock, { force: true }));
      return;
    } catch {
      const holder = Number(fs.readFileSync(lock, "utf8"));
      if (holder === process.pid) return;
      let alive = false;
      try {
        process.kill(holder, 0);
        alive = holder > 0;
      } catch {
        alive = false;
      }
      if (alive) {
        throw new Error(`The embedded database in ${dir} is in use by process ${holder}. Stop that process first, or use DATABASE_URL.`);
      }
      fs.rmSync(lock, { force: true });
    }
  }
}

function releaseDataDir(dir: string): void {
  const lock = path.join(dir, "tweestap.lock");
  if (fs.existsSync(lock) && Number(fs.readFileSync(lock, "utf8")) === process.pid) fs.rmSync(lock, { force: true });
}

/** The migrated database of this process. */
export async function getDb(): Promise<Db> {
  store.__tweestapRawDb ??= openRaw().catch((error: unknown) => {
    store.__tweestapRawDb = undefined;
    throw error;
  });
  const raw = await store.__tweestapRawDb;
  if (wrapped?.raw !== raw) {
    const db = raw.kind === "postgres" ? drizzlePg(raw.pool, { schema }) : drizzlePglite(raw.client, { schema });
    wrapped = { raw, db: db as unknown as Db };
  }
  return wrapped.db;
}

export async function databaseKind(): Promise<RawClient["kind"]> {
  await getDb();
  return (await store.__tweestapRawDb!).kind;
}

/**
 * LISTEN/NOTIFY: one listening connection per process and channel, shared by every subscriber (a
 * dedicated client on Postgres, outside the pool, so a waiting listener never holds a pooled
 * connection; the one connection on PGlite). A notification sent with `pg_notify` inside a
 * transaction arrives when it commits, on every instance listening.
 */
type Listeners = Map<string, { callbacks: Set<(payload: string) => void>; stop: Promise<() => Promise<void>> }>;

function listeners(): Listeners {
  store.__tweestapListeners ??= new Map();
  return store.__tweestapListeners;
}

async function startListening(channel: string, deliver: (payload: string) => void): Promise<() => Promise<void>> {
  await getDb();
  const raw = await store.__tweestapRawDb!;
  if (raw.kind === "pglite") return raw.client.listen(channel, deliver);
  let client: pg.Client | null = null;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: getEnv().databaseUrl });
    next.on("notification", (message) => {
      if (message.channel === channel) deliver(message.payload ?? "");
    });
    // A lost connection is made again (notifications sent meanwhile are lost: listeners re-read state).
    next.on("error", () => {
      if (stopped) return;
      void next.end().catch(() => undefined);
      setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await next.connect();
    await next.query(`LISTEN "${channel.replace(/"/g, "")}"`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}

/** Calls `callback` with each notification's payload on `channel`; returns the unsubscribe. */
export async function listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
  const all = listeners();
  let entry = all.get(channel);
  if (!entry) {
    const callbacks = new Set<(payload: string) => void>();
    const stop = startListening(channel, (payload) => {
      for (const deliver of [...callbacks]) deliver(payload);
    });
    entry = { callbacks, stop };
    all.set(channel, entry);
    stop.catch(() => all.delete(channel));
  }
  entry.callbacks.add(callback);
  await entry.stop;
  return async () => {
    const current = listeners().get(channel);
    if (!current) return;
    current.callbacks.delete(callback);
    if (current.callbacks.size === 0) {
      listeners().delete(channel);
      await (await current.stop)();
    }
  };
}

async function stopListeners(): Promise<void> {
  const all = listeners();
  const entries = [...all.values()];
  all.clear();
  for (const entry of entries) await (await entry.stop.catch(() => async () => undefined))();
}

/** Closes the process's database (scripts and tests). */
export async function closeDb(): Promise<void> {
  await stopListeners();
  const pending = store.__tweestapRawDb;
  store.__tweestapRawDb = undefined;
  wrapped = undefined;
  if (!pending) return;
  const raw = await pending;
  if (raw.kind === "postgres") await raw.pool.end();
  else {
    await raw.client.close();
    if (getEnv().pgliteDir !== "memory://") releaseDataDir(getEnv().pgliteDir);
  }
}
