/**
 * Integration tests run on a real database: PGlite by default (in memory, one per worker), or
 * the Postgres server in DATABASE_URL, where each worker gets its own fresh database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach } from "vitest";
import { TEST_KEYS } from "./test-keys";
import { resetClockForTests } from "../server/core/clock";

const marker = globalThis as unknown as { __tweestapIntegrationReady?: boolean };

if (!marker.__tweestapIntegrationReady) {
  marker.__tweestapIntegrationReady = true;
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "1";
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tweestap-int-${worker}-`));
  Object.assign(process.env, { TWEESTAP_MODE: "demo", DATA_DIR: dataDir, PGLITE_DIR: "memory://", DB_POOL_MAX: "12", TWEESTAP_OWN_SERVER: "1", ...TEST_KEYS });
  const base = process.env.DATABASE_URL;
  if (base) {
    const url = new URL(base);
    // TEST_DB_TAG keeps several checkouts running their suites at once on separate databases.
    const name = `${url.pathname.slice(1) || "test"}_${process.env.TEST_DB_TAG ? `${process.env.TEST_DB_TAG}_` : ""}w${worker}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    await admin.end();
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
  }
}

// The ports are wired as at start-up (server/wiring.ts): an inbound event nobody consumes fails the test.
const { wireApp } = await import("../server/wiring");
wireApp();

afterEach(() => resetClockForTests());
