/**
 * The bad-input corpus, generated from the code itself (like the access matrix): every tRPC
 * procedure (walked from appRouter, values generated from each procedure's zod input) and every
 * route handler (app/api/**\/route.ts found on disk, each exported method called directly, after the
 * same gate our server runs: server/http/request-gate.ts), sent anonymously, as a person, an agent
 * and an administrator. It fails on
 *   - any 5xx;
 *   - any 4xx without a catalog code, or whose status is not the catalog's for that code
 *     (tRPC: body.error.data.appCode; routes: the one JSON shape { error: { code, message } });
 *   - any row written by a refused request (a 4xx, or a form route's redirect with ?problem=).
 * A new procedure, field or route is covered without editing this file.
 *
 * Sampling (to stay within minutes on two cores): every procedure gets every input kind for every
 * role. For the role that passes the procedure's access check, every field gets every kind of its
 * type; for the other three roles each kind goes to one field, rotating over the fields.
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { ERROR_CATALOG, HTTP_STATUS, isErrorCode } from "@/server/core/errors";
import { requestRefusal } from "@/server/http/request-gate";
import { routeError } from "@/server/http/route-errors";
import { handleTrpcRequest, MAX_BATCH_CALLS } from "@/server/trpc/handler";
import type { ProcedureMeta } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { Browser, freshIp } from "./http";
import { createTestPerson } from "./people";
import { signedInWithCode } from "./sign-in";

// next-auth's route handler reads the request through next/headers; outside Next, from the request sent.
const current = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => current.headers,
  cookies: async () => ({
    getAll: () =>
      (current.headers.get("cookie") ?? "")
        .split(";")
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1) })),
  }),
}));

/**
 * Writes a refused request may rightly make, and why (kept minimal; everything else fails):
 * - rate_limit_buckets: a refused try still counts toward its limit (that is what a limit is);
 * - sign_in_events: a refused sign-in step is logged as a failed step (the diagnosis reads it);
 * - sign_in_attempts, a new attempt in state password_failed: the record of a wrong password
 *   (the same write whether the username exists, so it cannot be told apart);
 * - factor_failures and factor_lockouts: a well-formed wrong code is a guess and counts toward the
 *   lockout. A code of the wrong form (MFA_CODE_MALFORMED: 7 digits, letters) is never counted.
 */
const MAY_WRITE_ON_REFUSAL: Record<string, (write: Write) => boolean> = {
  rate_limit_buckets: () => true,
  sign_in_events: (w) => w.op === "INSERT",
  sign_in_attempts: (w) => w.op === "INSERT" && w.row?.state === "password_failed",
  factor_failures: (w) => w.op === "INSERT" && w.row?.code !== "MFA_CODE_MALFORMED",
  factor_lockouts: (w) => w.op !== "DELETE",
  // Reading a session refreshes its last-seen time once a minute (server/auth/sessions.ts), refused or not.
  sessions: (w) => w.op === "UPDATE" && changedColumns(w).every((c) => c === "last_seen_at"),
};
type Write = { t: string; op: string; row: Record<string, unknown> | null; old: Record<string, unknown> | null };

/** The columns an update changed. */
function changedColumns(w: Write): string[] {
  const keys = new Set([...Object.keys(w.row ?? {}), ...Object.keys(w.old ?? {})]);
  return [...keys].filter((k) => JSON.stringify(w.row?.[k]) !== JSON.stringify(w.old?.[k]));
}

// ---------------------------------------------------------------------------------------------
// 1. The corpus

const MB = 1024 * 1024;
type Kind = { name: string; value: (valid: unknown) => unknown };
const kind = (name: string, value: (valid: unknown) => unknown): Kind => ({ name, value });
const text = (valid: unknown) => (typeof valid === "string" ? valid : "text");

/** For string fields (and dates, which arrive as strings). */
const STRING_KINDS: Kind[] = [
  kind("NUL", (v) => `${text(v)}\u0000`),
  kind("NUL only", () => "\u0000"),
  kind("lone surrogate", (v) => `${text(v)}\uD800`),
  kind("ESC sequence", (v) => `\u001b[2J\u001b[31m${text(v)}`),
  kind("control characters", (v) => `\u0007${text(v)}\u0008\u007f\u0085`),
  kind("bidi override U+202E", (v) => `\u202E${text(v)}`),
  kind("1 MB string", () => "a".repeat(MB)),
  kind("SQL payload", () => "x' OR '1'='1'; DROP TABLE people; --"),
  kind("HTML/script payload", () => '<script>alert(1)</script><img src=x onerror="alert(1)">'),
  kind("empty", () => ""),
  kind("blank", () => " \t "),
  kind("reference > 15 digits", () => "TS-99999999999999999999"),
  kind("reference above 2^53", () => "TS-9007199254740993"),
  kind("year 0 in UTC", () => "0000-01-01 00:30:00 +01:00"),
  kind("year 10000 in UTC", () => "9999-12-31T23:30:00-01:00"),
  kind("year 10000", () => "10000-01-01"),
  kind("7-digit code", () => "1234567"),
  kind("full-width code", () => "１２３４５６"),
  kind("Arabic-Indic code", () => "١٢٣٤٥٦"),
  kind("invalid UUID", () => "not-a-uuid"),
  kind("UUID-shaped dashes", () => "-".repeat(36)),
  kind("number as string", () => "1e309"),
  kind("cursor past year 9999", () => "999999999999999.1"),
  kind("bad percent-escape", () => "%E0%A4%A"),
];
/** For number fields. */
const NUMBER_KINDS: Kind[] = [
  kind("number as string", () => "12"),
  kind("negative", () => -1),
  kind("huge", () => 1e308),
  kind("above 2^53", () => 2 ** 53 + 2),
  kind("fraction", () => 1.5),
  kind("NaN-ish", () => "NaN"),
  kind("Infinity-ish", () => "Infinity"),
];
/** For any field: the wrong type. */
const TYPE_KINDS: Kind[] = [
  kind("null", () => null),
  kind("number for value", () => 7),
  kind("boolean for value", () => true),
  kind("array for value", () => ["a", "b"]),
  kind("object for value", () => ({ a: 1 })),
  kind("deep nesting", () => deep(400)),
];
/** For array fields. */
const ARRAY_KINDS: Kind[] = [
  kind("10,000 items", (v) => Array.from({ length: 10_000 }, () => (Array.isArray(v) ? v[0] : "x"))),
  kind("array of nulls", () => [null, null]),
  kind("nested arrays", () => [[["x"]]]),
];

function deep(levels: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

// ---------------------------------------------------------------------------------------------
// 2. Procedures and their fields, from the zod inputs

type Zod = { _zod: { def: Record<string, unknown> & { type: string } }; safeParse(v: unknown): { success: boolean } };
type Field = { path: string[]; type: "string" | "number" | "boolean" | "enum" | "array" | "date" | "other"; schema: Zod };
type Procedure = { path: string; type: "query" | "mutation"; access: ProcedureMeta["access"]; inputs: Zod[] };

const procedures: Procedure[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation"; meta?: ProcedureMeta; inputs: Zod[] } }>,
).map(([p, procedure]) => ({ path: p, type: procedure._def.type, access: procedure._def.meta!.access, inputs: procedure._def.inputs }));

/** Through optional, default, catch and preprocess to the schema that says what the value is. */
function unwrap(schema: Zod): Zod {
  const def = schema._zod.def;
  if (["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"].includes(def.type)) return unwrap(def.innerType as Zod);
  if (def.type === "pipe") {
    const input = def.in as Zod;
    return input._zod.def.type === "transform" ? unwrap(def.out as Zod) : unwrap(input);
  }
  return schema;
}

function fieldsOf(schema: Zod, prefix: string[] = []): Field[] {
  const inner = unwrap(schema);
  const def = inner._zod.def;
  if (def.type === "object") {
    return Object.entries(def.shape as Record<string, Zod>).flatMap(([key, child]) => fieldsOf(child, [...prefix, key]));
  }
  if (prefix.length === 0) return [];
  const type = (["string", "number", "boolean", "enum", "array", "date"].includes(def.type) ? def.type : "other") as Field["type"];
  return [{ path: prefix, type, schema }];
}

const STRING_CANDIDATES = () => [
  "TS-000001",
  "A".repeat(43),
  "123456",
  "+31612345678",
  "nl",
  "someone",
  "someone@example.com",
  randomUUID(),
  "2026-11-22 09:14:05 +01:00",
  new Date().toISOString(),
  "2026-11-01",
  "https://example.com/page",
  "1764000000000.1",
  "ticket.created",
  "INPUT_INVALID",
  "A few words of ordinary text, long enough for any field.",
];

/** A value the field's own schema accepts, when one of the candidates fits (else a plain string). */
function validValue(schema: Zod): unknown {
  const inner = unwrap(schema);
  const def = inner._zod.def;
  const candidates: unknown[] =
    def.type === "object"
      ? [validObject(inner)]
      : def.type === "enum"
        ? Object.values(def.entries as Record<string, unknown>)
        : def.type === "literal"
          ? (def.values as unknown[])
          : def.type === "boolean"
            ? [false, true]
            : def.type === "number"
              ? [1, 10, 100, 0]
              : def.type === "array"
                ? [[validValue(def.element as Zod)]]
                : def.type === "union"
                  ? (def.options as Zod[]).map(validValue)
                  : STRING_CANDIDATES();
  return candidates.find((c) => schema.safeParse(c).success) ?? candidates[0];
}

const isOptional = (schema: Zod) => schema.safeParse(undefined).success;

/**
 * A well-formed object for a schema: every required field, and every optional one whose own
 * schema accepts a candidate (with `optional: false`, the required fields only).
 */
function validObject(schema: Zod, options: { optional?: boolean } = {}): Record<string, unknown> {
  const def = unwrap(schema)._zod.def;
  if (def.type !== "object") return {};
  const entries = Object.entries(def.shape as Record<string, Zod>).flatMap(([key, child]): Array<[string, unknown]> => {
    if (!isOptional(child)) return [[key, validValue(child)]];
    if (options.optional === false) return [];
    const value = validValue(child);
    return child.safeParse(value).success && value !== undefined ? [[key, value]] : [];
  });
  return Object.fromEntries(entries);
}

/**
 * Candidate well-formed inputs, most complete first: with every optional field, with only the
 * required ones, and with each optional field left out in turn. The first one the procedure
 * accepts is the base the bad values go into (so they travel as far as they can).
 */
function baseCandidates(p: Procedure): Array<Record<string, unknown>> {
  const full: Record<string, unknown> = Object.assign({}, ...p.inputs.map((input) => validObject(input)));
  const minimal: Record<string, unknown> = Object.assign({}, ...p.inputs.map((input) => validObject(input, { optional: false })));
  const withoutEach = Object.keys(full)
    .filter((key) => !(key in minimal))
    .map((key) => Object.fromEntries(Object.entries(full).filter(([k]) => k !== key)));
  const seen = new Set<string>();
  return [full, minimal, ...withoutEach].filter((b) => !seen.has(JSON.stringify(b)) && seen.add(JSON.stringify(b)));
}

/** The well-formed object at a nested path of the inputs (where a bad value goes into a nested object). */
function nestedBase(p: Procedure, parentPath: string[]): Record<string, unknown> {
  for (const input of p.inputs) {
    let schema: Zod | undefined = input;
    for (const key of parentPath) {
      const def: Record<string, unknown> & { type: string } = unwrap(schema!)._zod.def;
      schema = def.type === "object" ? (def.shape as Record<string, Zod>)[key] : undefined;
      if (!schema) break;
    }
    if (schema) return validObject(schema);
  }
  return {};
}

function withField(p: Procedure, base: Record<string, unknown>, fieldPath: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let target = copy;
  for (const [depth, key] of fieldPath.slice(0, -1).entries()) {
    if (typeof target[key] !== "object" || target[key] === null) target[key] = nestedBase(p, fieldPath.slice(0, depth + 1));
    target = target[key] as Record<string, unknown>;
  }
  target[fieldPath.at(-1)!] = value;
  return copy;
}

function kindsFor(field: Field): Kind[] {
  const own = field.type === "number" ? NUMBER_KINDS : field.type === "array" ? ARRAY_KINDS : field.type === "boolean" ? [] : STRING_KINDS;
  return [...own, ...TYPE_KINDS];
}

// ---------------------------------------------------------------------------------------------
// 3. Sending, and judging the answer

type Role = "anonymous" | "person" | "agent" | "admin";
const ROLES: Role[] = ["anonymous", "person", "agent", "admin"];
const RANK = { public: 0, person: 1, agent: 2, admin: 3 } as const;
const ROLE_RANK: Record<Role, number> = { anonymous: 0, person: 1, agent: 2, admin: 3 };

const failures: string[] = [];
/** Procedures that accepted none of the generated well-formed inputs (bad values stop at the same refusal). */
const unaccepted = new Set<string>();
let requests = 0;

/**
 * Every insert, update and delete in the public tables, journalled by a trigger this test installs
 * (and removes): after each request, the journal says what the request wrote.
 */
const JOURNAL = "bad_input_journal";

async function installJournal(): Promise<void> {
  const db = await getDb();
  await db.execute(sql.raw(`create table if not exists ${JOURNAL} (t text not null, op text not null, row jsonb, old jsonb)`));
  await db.execute(
    sql.raw(`create or replace function ${JOURNAL}_write() returns trigger language plpgsql as $$
      begin
        insert into ${JOURNAL} (t, op, row, old) values (TG_TABLE_NAME, TG_OP, case when TG_OP = 'DELETE' then to_jsonb(OLD) else to_jsonb(NEW) end, case when TG_OP = 'UPDATE' then to_jsonb(OLD) else null end);
        return null;
      end $$`),
  );
  for (const t of await tables()) {
    await db.execute(sql.raw(`create or replace trigger ${JOURNAL}_t after insert or update or delete on "${t}" for each row execute function ${JOURNAL}_write()`));
  }
}

async function removeJournal(): Promise<void> {
  const db = await getDb();
  for (const t of await tables()) await db.execute(sql.raw(`drop trigger if exists ${JOURNAL}_t on "${t}"`));
  await db.execute(sql.raw(`drop function if exists ${JOURNAL}_write() cascade`));
  await db.execute(sql.raw(`drop table if exists ${JOURNAL}`));
}

async function tables(): Promise<string[]> {
  const db = await getDb();
  const result = (await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as { rows: Array<{ tablename: string }> };
  return result.rows.map((r) => r.tablename).filter((t) => t !== JOURNAL);
}

/** What was written since the last look (and forgets it). */
async function writes(): Promise<Write[]> {
  const db = await getDb();
  const result = (await db.execute(sql.raw(`delete from ${JOURNAL} returning t, op, row, old`))) as unknown as { rows: Write[] };
  const parsed = (v: Record<string, unknown> | null) => (typeof v === "string" ? (JSON.parse(v) as Record<string, unknown>) : v);
  return result.rows.map((w) => ({ ...w, row: parsed(w.row), old: parsed(w.old) }));
}

/** Judges one answer; on a refusal, also that nothing was written. `label` names path, role and input kind. */
async function judge(label: string, response: { status: number; code: unknown; refused: boolean; note?: string }) {
  requests += 1;
  const { status, code } = response;
  const fail = (why: string) => failures.push(`${label} → ${status} ${typeof code === "string" ? code : "(no code)"}: ${why}`);
  if (status >= 500) fail("server error");
  else if (status >= 400) {
    if (!isErrorCode(code)) fail(`4xx without a catalog code${response.note ? ` (${response.note})` : ""}`);
    else if (HTTP_STATUS[ERROR_CATALOG[code].transport] !== status) fail(`status disagrees with the catalog (${HTTP_STATUS[ERROR_CATALOG[code].transport]})`);
  }
  const written = await writes();
  if (response.refused) {
    const wrong = written.filter((w) => !MAY_WRITE_ON_REFUSAL[w.t]?.(w));
    if (wrong.length > 0) {
      const summary = new Map<string, number>();
      for (const w of wrong) summary.set(`${w.op.toLowerCase()} ${w.t}`, (summary.get(`${w.op.toLowerCase()} ${w.t}`) ?? 0) + 1);
      fail(`a refused request wrote: ${[...summary].map(([what, n]) => `${what} ×${n}`).join(", ")}`);
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const body = await response.text();
  try {
    return JSON.parse(body);
  } catch {
    return { notJson: body.slice(0, 80) };
  }
}

/** One raw tRPC request: method, input (or a raw body), content type. */
async function sendTrpc(
  browser: Browser,
  p: { path: string; type: "query" | "mutation" },
  options: { input?: unknown; rawBody?: string; contentType?: string | null; method?: "GET" | "POST"; batch?: number },
) {
  const method = options.method ?? (p.type === "query" ? "GET" : "POST");
  const paths = options.batch ? Array.from({ length: options.batch }, () => p.path).join(",") : p.path;
  let url = `http://localhost/api/trpc/${paths}${options.batch ? "?batch=1" : ""}`;
  if (method === "GET" && options.input !== undefined) url += `${url.includes("?") ? "&" : "?"}input=${encodeURIComponent(JSON.stringify(options.input))}`;
  const extra: Record<string, string> = { "idempotency-key": `bad-input-${randomUUID()}` };
  if (options.contentType !== null) extra["content-type"] = options.contentType ?? "application/json";
  const body = method === "POST" ? (options.rawBody ?? (options.input === undefined ? undefined : JSON.stringify(options.input))) : undefined;
  // From a fresh address each time, so per-address limits do not answer for the corpus.
  const from = new Browser(freshIp());
  for (const [name, value] of browser.cookies) from.cookies.set(name, value);
  const response = await handleTrpcRequest(new Request(url, { method, headers: from.headers(extra), body }));
  browser.takeCookies(response.headers.getSetCookie());
  const json = (await readJson(response)) as { error?: { data?: { appCode?: unknown } } } | Array<{ error?: { data?: { appCode?: unknown } } }>;
  const error = Array.isArray(json) ? json.find((j) => j.error)?.error : json.error;
  return { status: response.status, code: error?.data?.appCode, refused: response.status >= 400 };
}

// ---------------------------------------------------------------------------------------------
// 4. The four callers (a caller whose session a successful call ended is replaced)

const callers = new Map<Role, Browser>();

async function newCaller(role: Role): Promise<Browser> {
  if (role === "anonymous") return new Browser();
  const person = await createTestPerson({ policy: "strict", authenticator: true, role: role === "person" ? undefined : role });
  return signedInWithCode(person);
}

/** The role's browser from a fresh address (so one procedure's limits do not answer for the next). */
async function caller(role: Role): Promise<Browser> {
  let browser = callers.get(role);
  if (!browser || (role !== "anonymous" && (await sendTrpc(browser, { path: "session.me", type: "query" }, { input: {} })).status !== 200)) {
    browser = await newCaller(role);
    callers.set(role, browser);
  }
  const moved = role === "anonymous" ? new Browser() : new Browser(freshIp());
  for (const [name, value] of browser.cookies) moved.cookies.set(name, value);
  callers.set(role, moved);
  await writes();
  return moved;
}

// ---------------------------------------------------------------------------------------------
// 5. Route handlers, from disk

type RouteFile = { file: string; pattern: string; params: Array<{ name: string; catchAll: boolean }>; methods: string[]; words: string[]; module: Record<string, unknown> };
const API_DIR = path.join(process.cwd(), "app", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

/**
 * Field names and words a route reads, harvested from its source and the files it imports
 * relatively or from a *.schemas module: form and query field names, path actions.
 */
function wordsOf(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !fs.existsSync(file)) return [];
  seen.add(file);
  const source = fs.readFileSync(file, "utf8");
  const words = new Set<string>();
  for (const m of source.matchAll(/\.get(?:All)?\("([A-Za-z_][\w-]*)"\)/g)) words.add(m[1]!);
  for (const m of source.matchAll(/^\s*"?([A-Za-z_][\w/-]*)"?\s*:\s*(?:z\.|safeText|boundedDate|typedCode|"GET"|"POST")/gm)) words.add(m[1]!);
  for (const m of source.matchAll(/from "(\.{1,2}\/[^"]+|@\/server\/[^"]+\.schemas)"/g)) {
    const target = m[1]!.startsWith("@/") ? path.join(process.cwd(), m[1]!.slice(2)) : path.resolve(path.dirname(file), m[1]!);
    for (const word of wordsOf(`${target}.ts`, seen)) words.add(word);
  }
  return [...words];
}

async function loadRoutes(): Promise<RouteFile[]> {
  return Promise.all(
    routeFiles(API_DIR).map(async (file) => {
      const relative = path.relative(API_DIR, path.dirname(file));
      const segments = relative.split(path.sep);
      const params = segments.filter((s) => s.startsWith("[")).map((s) => ({ name: s.replace(/^\[(\.\.\.)?|\]$/g, ""), catchAll: s.startsWith("[...") }));
      const module = (await import(file)) as Record<string, unknown>;
      return {
        file: path.relative(process.cwd(), file),
        pattern: `/api/${relative}`,
        params,
        methods: METHODS.filter((m) => typeof module[m] === "function"),
        words: wordsOf(file),
        module,
      };
    }),
  );
}

/** Values for one path parameter: bad ones, plus the words the route names (its actions). */
function paramValues(route: RouteFile, catchAll: boolean): Array<{ name: string; value: string | string[] }> {
  const bad = [
    { name: "non-UUID", value: "not-a-uuid" },
    { name: "UUID-shaped dashes", value: "-".repeat(36) },
    { name: "bad percent-escape", value: "%E0%A4%A" },
    { name: "NUL", value: "a\u0000b" },
    { name: "traversal", value: "../../etc" },
    { name: "long", value: "a".repeat(5000) },
    { name: "random UUID", value: randomUUID() },
  ];
  if (!catchAll) return bad;
  const actions = route.words.filter((w) => /^[a-z_][a-z_/-]*$/.test(w)).map((w) => ({ name: `action ${w}`, value: w.split("/") }));
  return [...bad.map((b) => ({ name: b.name, value: [b.value] })), ...actions];
}

type RouteRequest = { name: string; body?: string; contentType?: string; query?: string; headers?: Record<string, string> };

function routeRequests(route: RouteFile, method: string): RouteRequest[] {
  const form = (value: string) => new URLSearchParams(route.words.map((w) => [w, value])).toString();
  const requests: RouteRequest[] = [
    { name: "no body" },
    { name: "empty form", body: "", contentType: "application/x-www-form-urlencoded" },
    { name: "invalid JSON", body: "{", contentType: "application/json" },
    { name: "JSON object", body: JSON.stringify(Object.fromEntries(route.words.map((w) => [w, "x"]))), contentType: "application/json" },
    { name: "text/plain", body: "hello", contentType: "text/plain" },
    { name: "broken multipart", body: "--x\r\nnonsense", contentType: "multipart/form-data; boundary=x" },
    { name: "multipart without boundary", body: "a=b", contentType: "multipart/form-data" },
    { name: "oversized form", body: `a=${"x".repeat(300 * 1024)}`, contentType: "application/x-www-form-urlencoded" },
    { name: "oversized JSON", body: JSON.stringify({ a: "x".repeat(2 * MB) }), contentType: "application/json" },
    { name: "body without a length", body: "a=b", contentType: "application/x-www-form-urlencoded", headers: { "transfer-encoding": "chunked" } },
  ];
  for (const k of STRING_KINDS.filter((k) => k.name !== "1 MB string")) {
    const value = String(k.value("x"));
    if (method === "GET") requests.push({ name: `query ${k.name}`, query: form(value) });
    else requests.push({ name: `form ${k.name}`, body: form(value), contentType: "application/x-www-form-urlencoded" });
  }
  return method === "GET" ? requests.filter((r) => r.body === undefined || r.name.startsWith("oversized") || r.name === "no body") : requests;
}

async function sendRoute(browser: Browser, route: RouteFile, method: string, params: Record<string, string | string[]>, request: RouteRequest) {
  let pathname = route.pattern;
  for (const [name, value] of Object.entries(params)) {
    pathname = pathname.replace(/\[(\.\.\.)?[^\]]+\]/, Array.isArray(value) ? value.map(encodeURIComponent).join("/") : encodeURIComponent(value));
    void name;
  }
  const url = `http://localhost${pathname}${request.query ? `?${request.query}` : ""}`;
  const headers = browser.headers({ ...(request.contentType ? { "content-type": request.contentType } : {}), ...(request.headers ?? {}) });
  const raw: Record<string, string> = Object.fromEntries(headers);
  if (request.body !== undefined && !request.headers?.["transfer-encoding"]) raw["content-length"] = String(Buffer.byteLength(request.body));
  // What our server refuses before the app (scripts/serve.ts), then the handler itself.
  const refusal = requestRefusal({ method, url: `${pathname}${request.query ? `?${request.query}` : ""}`, headers: raw });
  let response: Response;
  if (refusal) response = routeError(headers, refusal);
  else {
    current.headers = headers;
    const req = new NextRequest(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : request.body });
    const handler = route.module[method] as (req: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
    response = await handler(req, { params: Promise.resolve(params) });
  }
  browser.takeCookies(response.headers.getSetCookie());
  const location = response.headers.get("location") ?? "";
  const isRedirect = response.status >= 300 && response.status < 400;
  const json = response.status >= 400 ? ((await readJson(response)) as { error?: { code?: unknown; message?: unknown; data?: { appCode?: unknown } } }) : null;
  // The routes' JSON shape, or (the tRPC route) tRPC's with the code in data.appCode.
  const shaped = json?.error && typeof json.error.message === "string" ? (json.error.data?.appCode ?? json.error.code) : undefined;
  return {
    status: response.status,
    code: isRedirect ? (/[?&]problem=([A-Z_]+)/.exec(location)?.[1] ?? null) : shaped,
    refused: response.status >= 400 || (isRedirect && /[?&]problem=/.test(location)),
    note: json && !shaped ? `not the JSON error shape: ${JSON.stringify(json).slice(0, 80)}` : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// 6. The tests

let routes: RouteFile[] = [];
const started = Date.now();
beforeAll(async () => {
  routes = await loadRoutes();
  await installJournal();
});
afterAll(async () => {
  await removeJournal();
  // The corpus filled limits of this worker's database; the test files after this one start afresh.
  await (await getDb()).execute(sql`delete from rate_limit_buckets`);
  console.log(`bad-input corpus: ${requests} requests over ${procedures.length} procedures and ${routes.length} routes in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`accepted no generated well-formed input (needs state, e.g. an existing ticket): ${[...unaccepted].sort().join(", ")}`);
});

function report(): void {
  const shown = failures.slice(0, 60);
  expect(shown, `${failures.length} bad answers (first ${shown.length}):\n${shown.join("\n")}`).toEqual([]);
}

describe("bad input, generated from every procedure's input schema and every route handler", () => {
  it("finds the procedures, their fields and the routes", () => {
    expect(procedures.length).toBeGreaterThan(30);
    expect(procedures.filter((p) => p.inputs.length === 0).map((p) => p.path)).toEqual([]);
    expect(routes.length).toBeGreaterThan(8);
    expect(routes.filter((r) => r.methods.length === 0).map((r) => r.file)).toEqual([]);
  });

  for (const role of ROLES) {
    it(`every procedure, every input kind: ${role}`, { timeout: 600_000 }, async () => {
      failures.length = 0;
      for (const [index, p] of procedures.entries()) {
        const browser = await caller(role);
        const fields = p.inputs.flatMap((input) => fieldsOf(input));
        const passesAccess = ROLE_RANK[role] >= RANK[p.access];
        const fullMatrix = passesAccess && (RANK[p.access] === ROLE_RANK[role] || (p.access === "public" && role === "person"));
        const label = (kindName: string, field?: Field) => `${p.path} [${role}] ${kindName}${field ? ` in ${field.path.join(".")}` : ""}`;
        // The first well-formed input the procedure accepts (or the most complete one) is the base.
        const candidates = baseCandidates(p);
        let base = candidates[0]!;
        for (const [i, candidate] of candidates.entries()) {
          const answer = await sendTrpc(browser, p, { input: candidate });
          await judge(label(i === 0 ? "well-formed" : `well-formed (variant ${i})`), answer);
          if (answer.status < 300) {
            base = candidate;
            break;
          }
          if (i === candidates.length - 1 && fullMatrix) unaccepted.add(p.path);
        }

        // The whole input.
        const roots: Array<[string, Parameters<typeof sendTrpc>[2]]> = [
          ["no input", {}],
          ["null", { input: null }],
          ["array for object", { input: [base] }],
          ["string for object", { input: "x" }],
          ["deep nesting", { input: deep(2000) }],
          ["extra field", { input: { ...base, extra: "x" } }],
          ["__proto__ field", { rawBody: `{"__proto__":{"role":"admin"},${JSON.stringify(base).slice(1)}` }],
          ["invalid JSON", { rawBody: "{", method: "POST" }],
          ["empty body", { rawBody: "", method: "POST" }],
          ["text/plain", { rawBody: JSON.stringify(base), contentType: "text/plain", method: "POST" }],
          ["no content type", { rawBody: JSON.stringify(base), contentType: null, method: "POST" }],
          ["wrong method", { input: base, method: p.type === "query" ? "POST" : "GET" }],
          [`batch of ${MAX_BATCH_CALLS + 1}`, { input: undefined, batch: MAX_BATCH_CALLS + 1 }],
        ];
        for (const [name, options] of roots) {
          const answer = await sendTrpc(browser, p, { ...options, input: options.rawBody !== undefined ? undefined : options.input });
          await judge(label(name), answer);
        }

        // Field by field.
        for (const field of fields) {
          const kinds = kindsFor(field);
          for (const [k, kindOf] of kinds.entries()) {
            // Outside the full matrix, a kind goes to one field, rotating over the fields.
            if (!fullMatrix && fields[(k + index) % fields.length] !== field) continue;
            const input = withField(p, base, field.path, kindOf.value(field.path.reduce<unknown>((o, key) => (o as Record<string, unknown>)?.[key], base)));
            await judge(label(kindOf.name, field), await sendTrpc(browser, p, { input }));
          }
        }
      }
      report();
    });
  }

  for (const role of ROLES) {
    it(`every route handler, every request kind: ${role}`, { timeout: 600_000 }, async () => {
      failures.length = 0;
      for (const route of routes) {
        for (const method of route.methods) {
          const browser = await caller(role);
          const paramSets: Array<{ name: string; params: Record<string, string | string[]> }> =
            route.params.length === 0
              ? [{ name: "", params: {} }]
              : route.params.flatMap((param) => paramValues(route, param.catchAll).map((v) => ({ name: `${param.name}=${v.name}`, params: { [param.name]: v.value } })));
          // Every parameter value with a plain bad body; every body kind with the first parameter value.
          for (const [i, set] of paramSets.entries()) {
            const requests = i === 0 ? routeRequests(route, method) : [routeRequests(route, method)[i % 3]!];
            for (const request of requests) {
              const label = `${method} ${route.pattern}${set.name ? ` (${set.name})` : ""} [${role}] ${request.name}`;
              await judge(label, await sendRoute(browser, route, method, set.params, request));
            }
          }
          // And one path with a broken percent-escape, as the server receives it.
          const broken = route.pattern.replace(/\[(\.\.\.)?[^\]]+\]/g, "%E0%A4%A");
          if (broken !== route.pattern) {
            const code = requestRefusal({ method, url: broken, headers: {} });
            if (code !== "INPUT_INVALID") failures.push(`${method} ${broken} [${role}] bad percent-escape in the path → reaches the app (${code ?? "not refused"})`);
          }
        }
      }
      report();
    });
  }
});
