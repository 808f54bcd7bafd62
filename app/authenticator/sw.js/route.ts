/**
 * The companion authenticator's service worker, /authenticator/sw.js (scope /authenticator).
 *
 * Built by serwist's Turbopack integration (@serwist/turbopack): `next build` prerenders this route
 * once, bundling ../_sw/sw.ts with esbuild and injecting the precache list. That list is the app's
 * shell only: its two pages and manifests, the icon, and the scripts and styles those pages load
 * (../_lib/shell-files.ts), never the rest of the portal.
 */
import fs from "node:fs";
import path from "node:path";
import { createSerwistRoute } from "@serwist/turbopack";
import { AUTHENTICATOR_LOCALES, appPath } from "../_lib/locale";
import { authenticatorShellFiles } from "../_lib/shell-files";

const DIST_DIR = ".next";

const serwist = createSerwistRoute({
  swSrc: "app/authenticator/_sw/sw.ts",
  useNativeEsbuild: true,
  // A classic script (every browser with service workers runs it); no source map to serve.
  esbuildOptions: { format: "iife", sourcemap: false },
  nextConfig: { distDir: DIST_DIR },
  manifestTransforms: [
    async (entries) => {
      const shell = new Set(authenticatorShellFiles(path.join(process.cwd(), DIST_DIR)));
      const kept = entries.filter((entry) => shell.has(entry.url.replace(/^.*?(?=static\/)/, "")));
      const missing = [...shell].filter((file) => !kept.some((entry) => entry.url.endsWith(file)));
      if (missing.length > 0) throw new Error(`The authenticator's shell files are not in the build: ${missing.join(", ")}`);
      // The pages and manifests are fetched again after every build (next build writes BUILD_ID
      // before it prerenders this route); scripts and styles only when their hashed names change.
      const revision = fs.readFileSync(path.join(process.cwd(), DIST_DIR, "BUILD_ID"), "utf8").trim();
      const pages = AUTHENTICATOR_LOCALES.flatMap((locale) => [appPath(locale), `${appPath(locale)}/manifest.webmanifest`]);
      return { manifest: [...kept, ...[...pages, "/icon.svg"].map((url) => ({ url, revision, size: 0 }))], warnings: [] };
    },
  ],
});

export const dynamic = "force-static";

export async function GET(request: Request): Promise<Response> {
  const built = await serwist.GET(request, { params: Promise.resolve({ path: "sw.js" }) });
  // Allowed to control /authenticator itself (the start address), not only /authenticator/….
  return new Response(built.body, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Service-Worker-Allowed": "/authenticator" } });
}
