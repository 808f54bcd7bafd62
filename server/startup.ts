import { isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations } from "@/db/schema";
import { seedDemo } from "@/server/setup/demo-seed";
import { getEnv, EnvError } from "./core/env";
import { log } from "./core/log";
import { wireApp } from "./wiring";

const store = globalThis as unknown as { __tweestapPrepared?: Promise<void> };

/**
 * Everything that happens once before the app serves: settings validated, the ports wired
 * (server/wiring.ts), database migrated, and the demo organisation seeded (demo) or refused
 * (production).
 */
export function prepareApp(): Promise<void> {
  store.__tweestapPrepared ??= (async () => {
    const env = getEnv();
    wireApp();
    const db = await getDb();
    if (env.mode === "demo") {
      const { created } = await seedDemo(db);
      if (created) log("info", "demo.seeded");
    } else {
      const [demo] = await db.select({ id: organisations.id }).from(organisations).where(isNotNull(organisations.demoSeededAt));
      if (demo) throw new EnvError("Tweestap refuses to start in production mode: this database holds the demo organisation.");
    }
  })();
  return store.__tweestapPrepared;
}
