import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db/client";
import { getEnv } from "./env";

/** Liveness and database reachability; no secrets, no people. */
export async function checkHealth(): Promise<{ status: "ok" | "degraded"; mode: string; database: string; instance: string }> {
  const env = getEnv();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { status: "ok", mode: env.mode, database: await databaseKind(), instance: env.instanceId };
  } catch {
    return { status: "degraded", mode: env.mode, database: "unreachable", instance: env.instanceId };
  }
}
