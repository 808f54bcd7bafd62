import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db/client";
import { getEnv } from "./core/env";

/**
 * Liveness and database reachability for anyone who asks (load balancers, the e2e harness): no
 * secrets, no people, and nothing about the machine (no host name, no process ID: the instance ID
 * stays in the sign-in events and the process log).
 */
export async function checkHealth(): Promise<{ status: "ok" | "degraded"; mode: string; database: string }> {
  const env = getEnv();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { status: "ok", mode: env.mode, database: await databaseKind() };
  } catch {
    return { status: "degraded", mode: env.mode, database: "unreachable" };
  }
}
