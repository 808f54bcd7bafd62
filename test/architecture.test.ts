/**
 * The walls (test/walls.ts) on this tree. Breaks that remain are listed in PENDING, which may only
 * shrink: a new break fails, and so does a listed one that is gone (take it off the list).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { wallBreaks } from "./walls";

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE_DIRS = ["app", "server", "db", "scripts", "test", "e2e", "bench"];
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

function sourceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(rel);
      } else if (SOURCE.test(entry.name)) {
        files.set(rel, fs.readFileSync(path.join(ROOT, rel), "utf8"));
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(ROOT, dir))) walk(dir);
  return files;
}

/** Breaks that are known and scheduled (issue 11). This list may only shrink. */
const PENDING: string[] = [];

describe("the walls, read from the import graph", () => {
  it("the checker sees a page importing db/, a relative import into app/, otplib in a use case, web-push outside delivery, a dynamic import and the companion authenticator reaching into the portal", () => {
    const files = new Map([
      ["app/[locale]/page.tsx", 'import { getDb } from "@/db/client";\nimport { x } from "@/server/ok";'],
      ["server/tickets/use-case.ts", 'import { Page } from "../../app/_components/TicketView";\nimport { authenticator } from "otplib";'],
      ["server/delivery/worker.ts", 'const m = await import("../verification/lockout");'],
      ["server/verification/methods/totp/verify.ts", 'import { verify } from "otplib";'],
      ["e2e/support/authenticator.ts", 'import { generate } from "otplib";'],
      ["server/verification/methods/push/send.ts", 'import webpush from "web-push";'],
      ["server/delivery/providers/web-push.ts", 'import webpush from "web-push";'],
      [
        "app/authenticator/_components/App.tsx",
        'import { trpcClient } from "../../_lib/trpc";\nimport { base32Decode } from "@/server/crypto/base32";\nimport { x } from "../_lib/totp";',
      ],
    ]);
    expect(wallBreaks(files)).toEqual([
      "app/[locale]/page.tsx → db/client (app/ imports db/)",
      "app/authenticator/_components/App.tsx → app/_lib/trpc (the companion authenticator imports the portal)",
      "server/delivery/worker.ts → server/verification/lockout (server/delivery/ imports verification)",
      "server/tickets/use-case.ts → app/_components/TicketView (server/ or db/ imports app/)",
      "server/tickets/use-case.ts → otplib (otplib outside the totp method)",
      "server/verification/methods/push/send.ts → web-push (web-push outside server/delivery)",
    ]);
  });

  it("no wall is broken in this tree beyond the pending list, and every pending break still exists", () => {
    const breaks = wallBreaks(sourceFiles());
    expect(
      breaks.filter((b) => !PENDING.includes(b)),
      "new breaks of a wall",
    ).toEqual([]);
    expect(
      PENDING.filter((b) => !breaks.includes(b)),
      "mended: take these off PENDING",
    ).toEqual([]);
  });
});
