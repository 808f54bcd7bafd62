/**
 * Our server: Next.js behind a plain Node HTTP server, so the client's socket address reaches the
 * app (x-tweestap-peer, replacing anything a client sends), and bodies over our limit are refused. `npm run dev` and `npm start` use it.
 * Settings are validated and the database migrated (and the demo seeded) before it listens.
 */
import http from "node:http";

const dev = process.argv.includes("--dev");
(process.env as Record<string, string | undefined>).NODE_ENV ??= dev ? "development" : "production";
process.env.TWEESTAP_OWN_SERVER = "1";

const { getEnv, EnvError } = await import("../server/core/env");
const { prepareApp } = await import("../server/startup");
const { gatedListener } = await import("../server/http/request-gate");
const { closeDb } = await import("../db/client");
const { startDeliveryWorker, stopDeliveryWorker } = await import("../server/delivery/worker");
const { startHousekeeping, stopHousekeeping } = await import("../server/housekeeping");

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
  await prepareApp();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const { default: next } = await import("next");
const app = next({ dev, dir: process.cwd(), hostname: env.host, port: env.port });
await app.prepare();
const handle = app.getRequestHandler();

// Body-size limits and broken paths are refused here, before Next reads anything (request-gate.ts).
const server = http.createServer(gatedListener(handle));
startDeliveryWorker();
startHousekeeping();
server.listen(env.port, env.host, () => {
  console.log(`Tweestap (${env.mode} mode) listening on ${env.publicUrl.origin}`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  stopDeliveryWorker();
  stopHousekeeping();
  server.close();
  await app.close?.();
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
