/**
 * Starting our own server (scripts/serve.ts) and CLI scripts from a spec, on the build the web
 * server already made (.next), each on its own data directory and port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Settings that must come from the spec, never from the shell that runs the tests. */
const OWN_SETTINGS = [
  "TWEESTAP_MODE",
  "NODE_ENV",
  "PORT",
  "HOST",
  "PUBLIC_URL",
  "AUTHENTICATOR_URL",
  "DATA_DIR",
  "PGLITE_DIR",
  "DATABASE_URL",
  "AUTH_SECRET",
  "ENCRYPTION_KEYS",
  "HASH_KEY",
  "VAPID_PUBLIC_KEY",
  "VAPID_PRIVATE_KEY",
  "VAPID_SUBJECT",
  "PUSH_SERVICE_HOSTS",
  "TEST_CLOCK",
  "TRUSTED_PROXIES",
  "INSTANCE_ID",
  "TWEESTAP_OWN_SERVER",
];

/** The current environment without any Tweestap setting, plus `settings`. */
export function appEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of OWN_SETTINGS) delete env[name];
  return { ...env, ...settings };
}

export function tempDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tweestap-e2e-${label}-`));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return { stdout: () => stdout, stderr: () => stderr };
}

/** Kills a detached child's whole process group (npx → node → tsx …). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function spawnInGroup(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  // Never leave a server behind if this worker exits.
  const onExit = () => killGroup(child, "SIGKILL");
  process.once("exit", onExit);
  child.once("exit", () => process.removeListener("exit", onExit));
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Runs `npx <args>` to the end (killed after timeoutMs). */
export async function runToEnd(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Finished> {
  const child = spawnInGroup("npx", args, env);
  const output = collect(child);
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), timeoutMs);
  try {
    const code = await exited(child);
    return { code, stdout: output.stdout(), stderr: output.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

export interface RunningServer {
  origin: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `npx tsx scripts/serve.ts` and waits until /api/health answers 200. */
export async function startServer(env: NodeJS.ProcessEnv, port: number, timeoutMs = 60_000): Promise<RunningServer> {
  const child = spawnInGroup("npx", ["tsx", "scripts/serve.ts"], env);
  const output = collect(child);
  const origin = `http://localhost:${port}`;
  const server: RunningServer = {
    origin,
    output: () => `--- stdout\n${output.stdout()}\n--- stderr\n${output.stderr()}`,
    async stop() {
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}) before it was ready.\n${server.output()}`);
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  throw new Error(`The server was not ready within ${timeoutMs} ms.\n${server.output()}`);
}
