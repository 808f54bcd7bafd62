import path from "node:path";

/** `from "x"`, `import "x"`, `import("x")` and `export … from "x"`. */
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

export function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT)) found.push((match[1] ?? match[2] ?? match[3])!);
  return found;
}

/** A project path ("server/delivery/worker") for a project import, or the package name for any other. */
export function resolveImport(fromFile: string, specifier: string): { kind: "file"; target: string } | { kind: "package"; name: string } {
  if (specifier.startsWith("@/")) return { kind: "file", target: path.posix.normalize(specifier.slice(2)) };
  if (specifier.startsWith(".")) return { kind: "file", target: path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier)) };
  const parts = specifier.split("/");
  return { kind: "package", name: specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]! };
}

const under = (file: string, dir: string) => file === dir || file.startsWith(`${dir}/`);
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/**
 * What the companion authenticator (app/authenticator, served from its own origin in production)
 * may use of the rest of the tree: pure helpers and plain UI, never the portal's session, tRPC
 * client, server use cases or database.
 */
const COMPANION_MAY_IMPORT = ["server/crypto/base32", "app/_components/Field", "app/globals.css"];

interface Rule {
  name: string;
  applies(file: string): boolean;
  breaks(target: ReturnType<typeof resolveImport>): boolean;
}

const RULES: Rule[] = [
  { name: "app/ imports db/", applies: (f) => under(f, "app"), breaks: (t) => t.kind === "file" && under(t.target, "db") },
  // Tests beside the code may drive the route handler they test.
  { name: "server/ or db/ imports app/", applies: (f) => (under(f, "server") || under(f, "db")) && !isTest(f), breaks: (t) => t.kind === "file" && under(t.target, "app") },
  {
    name: "otplib outside the totp method",
    applies: (f) => !under(f, "server/verification/methods/totp") && !under(f, "e2e") && !under(f, "bench"),
    breaks: (t) => t.kind === "package" && t.name === "otplib",
  },
  {
    // Push messages go through the outbox (server/delivery/push.ts), never straight to a push service.
    name: "web-push outside server/delivery",
    applies: (f) => !under(f, "server/delivery"),
    breaks: (t) => t.kind === "package" && t.name === "web-push",
  },
  {
    name: "the companion authenticator imports the portal",
    applies: (f) => under(f, "app/authenticator") && !isTest(f),
    breaks: (t) => t.kind === "file" && !under(t.target, "app/authenticator") && !COMPANION_MAY_IMPORT.includes(t.target),
  },
  {
    name: "server/delivery/ imports verification",
    applies: (f) => under(f, "server/delivery") && !isTest(f),
    breaks: (t) => t.kind === "file" && under(t.target, "server/verification"),
  },
  {
    name: "db/ imports server/ outside server/core",
    applies: (f) => under(f, "db") && !isTest(f),
    breaks: (t) => t.kind === "file" && under(t.target, "server") && !under(t.target, "server/core"),
  },
];

/** Every import that breaks a wall, as "file → target (rule)". */
export function wallBreaks(files: Map<string, string>): string[] {
  const breaks: string[] = [];
  for (const [file, source] of files) {
    for (const specifier of importsOf(source)) {
      const target = resolveImport(file, specifier);
      for (const rule of RULES) {
        if (rule.applies(file) && rule.breaks(target)) breaks.push(`${file} → ${target.kind === "file" ? target.target : target.name} (${rule.name})`);
      }
    }
  }
  return breaks.sort();
}
