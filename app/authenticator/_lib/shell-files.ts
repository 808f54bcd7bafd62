/**
 * At build time: which of Next's static files the companion authenticator's pages load (its shell),
 * read from the build's manifests, so the service worker precaches those and not the whole portal.
 * If Next ever lays its manifests out differently this throws, and the build fails, rather than
 * shipping an app that does not open offline.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const PAGE = "/authenticator/[locale]/page";

interface ClientReferenceManifest {
  entryJSFiles?: Record<string, string[]>;
  entryCSSFiles?: Record<string, Array<{ path: string; inlined?: boolean }>>;
}

/** Paths under the dist directory ("static/chunks/…js"), for the page, its layout and the built-in not-found. */
export function authenticatorShellFiles(distDir: string): string[] {
  const pageDir = path.join(distDir, "server", "app", "authenticator", "[locale]");
  const buildManifest = JSON.parse(fs.readFileSync(path.join(pageDir, "page", "build-manifest.json"), "utf8")) as { rootMainFiles?: string[] };
  // The client reference manifest is a script that assigns globalThis.__RSC_MANIFEST[page].
  const context: { globalThis?: unknown; __RSC_MANIFEST: Record<string, ClientReferenceManifest> } = { __RSC_MANIFEST: {} };
  context.globalThis = context;
  vm.runInNewContext(fs.readFileSync(path.join(pageDir, "page_client-reference-manifest.js"), "utf8"), context);
  const manifest = context.__RSC_MANIFEST[PAGE];
  if (!manifest?.entryJSFiles || !buildManifest.rootMainFiles?.length) {
    throw new Error(`The build's manifests for ${PAGE} are not where the authenticator's service worker looks (app/authenticator/_lib/shell-files.ts).`);
  }
  const files = new Set(buildManifest.rootMainFiles);
  for (const list of Object.values(manifest.entryJSFiles)) for (const file of list) files.add(file);
  for (const list of Object.values(manifest.entryCSSFiles ?? {})) for (const css of list) if (!css.inlined) files.add(css.path);
  if (![...files].some((f) => f.endsWith(".js"))) throw new Error(`No scripts found for ${PAGE} in the build's manifests.`);
  return [...files].sort();
}
