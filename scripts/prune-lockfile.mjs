/**
 * The npm registry reachable here serves only the Linux builds of platform packages (@next/swc-*,
 * @swc/core-*, @tailwindcss/oxide-*), so `npm install` writes a lock that names the other platforms'
 * optional packages without entries for them, and `npm ci` then refuses the lock. This drops those
 * dangling optional names from the lock (idempotent). .ci/run calls it before `npm ci`; run it
 * after changing dependencies: node scripts/prune-lockfile.mjs
 */
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const present = new Set(Object.keys(lock.packages));
let pruned = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    const nested = `${key ? `${key}/` : ""}node_modules/${name}`;
    if (!present.has(nested) && !present.has(`node_modules/${name}`)) {
      delete entry.optionalDependencies[name];
      pruned++;
    }
  }
}
if (pruned > 0) fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`prune-lockfile: ${pruned} optional package name(s) with no build on this registry dropped`);
