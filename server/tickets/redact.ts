import {
  ACCESS_PASS_GROUP_SOURCE,
  ACCESS_PASS_SOURCE,
  ACCESS_PASS_TYPED_SOURCE,
  APP_PASSWORD_SOURCE,
  ONE_TIME_CODE_MAX_DIGITS,
  ONE_TIME_CODE_MIN_DIGITS,
  ONE_TIME_CODE_MIN_GROUP_DIGITS,
} from "../crypto/secret-formats";
import type { SecretShape } from "../verification/methods/method";
import { allMethods } from "../verification/methods/registry";

/**
 * Redacts secrets people paste into support tickets: one-time codes, passwords written after a
 * keyword, app passwords, temporary access passes (also in lower case, with spaces or without
 * dashes, as sign-in accepts them) and the secrets of each second-factor method (its `secrets`:
 * recovery codes). Pure and linear-time: every pattern below is either fixed-width or a single
 * greedy run that cannot backtrack badly, and the walk over words for spaced passes looks at each
 * word a bounded number of times.
 *
 * Each secret is replaced by REDACTION_MARK; everything else stays byte for byte (whitespace,
 * newlines, punctuation, surrounding quotes). The specific shapes are found first (the methods'
 * own, then passes), then one-time codes, and a later rule never redacts inside an earlier one's
 * match, so the digits of a recovery code are never reported as a one-time code.
 */

/** What was redacted: a general kind, or the name of a method's secret ("recovery_code"). */
export type RedactionKind = "one_time_code" | "password" | "app_password" | "access_pass" | SecretShape["name"];

export interface Redaction {
  /** The text with every secret replaced by REDACTION_MARK. */
  text: string;
  /** Kinds found, unique, in the order they first appear in the text. */
  redacted: RedactionKind[];
}

/** What a secret is replaced by. */
export const REDACTION_MARK = "[redacted]";

interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
}

// The methods' secrets (recovery codes) and access passes: not part of a longer dashed or
// alphanumeric run (so a UUID's tail, or a display session ID with text glued on, never matches).
const standalone = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${source})(?![\\p{L}\\p{N}_]|-[\\p{L}\\p{N}])`, "gu");
const METHOD_SECRETS = allMethods().flatMap((m) => (m.secrets ?? []).map((secret) => ({ name: secret.name, pattern: standalone(secret.source) })));
const ACCESS_PASS = standalone(ACCESS_PASS_SOURCE);

// Access passes as people type them (sign-in takes them so): either case, dashed or in one piece.
// Unlike the exact form above these need a digit and a letter, so "Test-Case-Data-Sets" stays.
const TYPED_ACCESS_PASS = standalone(ACCESS_PASS_TYPED_SOURCE);
const PASS_GROUP = new RegExp(`^(?:${ACCESS_PASS_GROUP_SOURCE})$`);
/** Words for the walk over access passes typed with spaces. */
const WORD = /[\p{L}\p{N}_]+/gu;
/** Between two groups of a pass typed with spaces: one or two spaces, or a dash with a space beside it. */
const SPACED_JOIN = /^(?:[ \t\u00a0\u202f]{1,2}|[ \t\u00a0\u202f]+-[ \t\u00a0\u202f]*|-[ \t\u00a0\u202f]+)$/u;
/** A word joined to its neighbour by one of these is part of something else (a dashed ID, a URL, an address). */
const GLUE = new Set(["-", ".", "/", "@", "\\", "+", "#"]);
const DIGIT = /\p{N}/u;
const LETTER = /\p{L}/u;

// App passwords: one standalone word of exactly 16 lower-case letters, not inside a URL, an e-mail
// address or a longer (or capitalised) word.
const APP_PASSWORD = new RegExp(`(?<![\\p{L}\\p{N}_/@.-])${APP_PASSWORD_SOURCE}(?![\\p{L}\\p{N}_@-]|\\.\\p{L})`, "gu");

/**
 * Ordinary 16-letter words that happen to have an app password's shape. A generated app password
 * equals one of these with negligible probability, so leaving them is safe.
 */
const SIXTEEN_LETTER_WORDS = new Set([
  "authenticatieapp",
  "authenticatorapp",
  "beveiligingscode",
  "toegangsgegevens",
  "verantwoordelijk",
  "verificatiecodes",
  "wachtwoordbeheer",
  "characterization",
  "incomprehensible",
  "internationalize",
  "misunderstanding",
  "responsibilities",
]);

// A password keyword (en/nl) and an explicit separator: ":", "=", or "is" / "was" / "luidt"
// (optionally followed by ":"), then the gap before the value (at most one line break).
// Without a separator ("I forgot my password yesterday") nothing is redacted.
const PASSWORD_LEAD =
  /(?<![\p{L}\p{N}_])(?:app[ -]?(?:password|wachtwoord)|passphrase|password|passwd|pwd|wachtwoord|pincode|pin|ww)(?:[ \t]*[:=]|[ \t]+(?:is|was|luidt)(?![\p{L}\p{N}_])(?:[ \t]*:)?)[ \t]*(?:\r?\n[ \t]*)?/giu;

/** Fewest characters a value after a password keyword has before it counts as a password. */
const MIN_PASSWORD_LENGTH = 4;

/** Words that commonly follow "password is/was" and describe it rather than reveal it (en/nl). */
const PASSWORD_STOP_WORDS = new Set([
  // From the ticket rules.
  "expired",
  "wrong",
  "correct",
  "incorrect",
  "invalid",
  "blocked",
  "locked",
  "verlopen",
  "fout",
  "onjuist",
  "geblokkeerd",
  "niet",
  "not",
  "still",
  "too",
  "very",
  "the",
  "my",
  "mijn",
  "het",
  "de",
  "een",
  "a",
  "an",
  "gone",
  "changed",
  "gewijzigd",
  "veranderd",
  "reset",
  "accepted",
  "geaccepteerd",
  "rejected",
  "geweigerd",
  "working",
  "required",
  "verplicht",
  "nodig",
  // A few more of the same sort.
  "forgotten",
  "vergeten",
  "lost",
  "kwijt",
  "unknown",
  "onbekend",
  "missing",
  "empty",
  "leeg",
  "ongeldig",
  "never",
  "nooit",
  "always",
  "altijd",
  "also",
  "ook",
  "same",
  "hetzelfde",
  "different",
  "anders",
  "weak",
  "strong",
  "zwak",
  "sterk",
  "long",
  "short",
  "lang",
  "kort",
  "your",
  "jouw",
  "this",
  "that",
  "deze",
  "dit",
  "dat",
  "being",
  "been",
  "used",
  "gebruikt",
  "disabled",
  "enabled",
  "updated",
  "opnieuw",
  "again",
  "nog",
  "steeds",
  "echt",
  "really",
  "just",
  "only",
  "alleen",
]);

const OPENING_QUOTES = "\"'`“”‘’„«»‹›";
const CLOSING_QUOTES = "\"'`“”‘’«»‹›";

/** Longest quoted value (in UTF-16 units) the redactor looks across for its closing quote. */
const MAX_QUOTED_LENGTH = 200;

// Digit clusters: digit groups joined by a single space (also no-break) or "-". Greedy, no suffix,
// so each match is a maximal cluster and never backtracks; boundaries are checked in code.
const DIGIT_CLUSTER = /\d+(?:[ \u00a0\u202f-]\d+)*/g;
const CLUSTER_SEPARATOR = /[ \u00a0\u202f-]/;

/** Before a one-time code: not a letter, digit or a sign that makes it part of something else. */
const BLOCKED_BEFORE_CODE = /[\p{L}\p{N}+\-/.:#_@€$£]/u;
/** After a one-time code: not a letter, digit or a sign that continues it. */
const BLOCKED_AFTER_CODE = /[\p{L}\p{N}_\-/@%]/u;
const CURRENCY = /[€$£]/u;

export function redactSecrets(text: string): Redaction {
  const spans: Span[] = [];
  // Which UTF-16 units an earlier rule has claimed; matches within one rule never overlap, so
  // checking a candidate against this costs its length and the whole pass stays linear.
  const claimed = new Uint8Array(text.length);
  const add = (start: number, end: number, kind: RedactionKind) => {
    if (end <= start || claimed.subarray(start, end).includes(1)) return;
    claimed.fill(1, start, end);
    spans.push({ start, end, kind });
  };

  for (const secret of METHOD_SECRETS) {
    for (const m of text.matchAll(secret.pattern)) add(m.index, m.index + m[0].length, secret.name);
  }
  for (const m of text.matchAll(ACCESS_PASS)) add(m.index, m.index + m[0].length, "access_pass");
  for (const m of text.matchAll(TYPED_ACCESS_PASS)) {
    if (DIGIT.test(m[0]) && LETTER.test(m[0])) add(m.index, m.index + m[0].length, "access_pass");
  }
  for (const span of spacedAccessPasses(text)) add(span.start, span.end, "access_pass");
  for (const m of text.matchAll(APP_PASSWORD)) {
    if (!SIXTEEN_LETTER_WORDS.has(m[0])) add(m.index, m.index + m[0].length, "app_password");
  }
  for (const value of passwordValues(text)) add(value.start, value.end, "password");
  for (const m of text.matchAll(DIGIT_CLUSTER)) {
    if (isOneTimeCode(text, m.index, m[0])) add(m.index, m.index + m[0].length, "one_time_code");
  }

  if (spans.length === 0) return { text, redacted: [] };
  spans.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  const kinds: RedactionKind[] = [];
  for (const span of spans) {
    out += text.slice(at, span.start) + REDACTION_MARK;
    at = span.end;
    if (!kinds.includes(span.kind)) kinds.push(span.kind);
  }
  return { text: out + text.slice(at), redacted: kinds };
}

interface Word {
  start: number;
  end: number;
  digit: boolean;
  letter: boolean;
}

/**
 * Access passes typed as four groups with spaces between them ("7kq3 m2xd 9pta h4rw"). One walk
 * over the words: consecutive standalone four-character groups make a run; in a run of four or
 * more (ordinary short words may stand beside the pass: "pass 7kq3 m2xd 9pta h4rw gave"), the pass
 * is the four consecutive groups with the most groups that mix digits and letters (no word or
 * number does), so "when they were here" and "1234 5678 9012 3456" stay. Equal windows are all
 * redacted: a word too many is better than a group of a pass left in the text. Without any mixed
 * group only a run of exactly four groups holding both digits and letters counts.
 */
function spacedAccessPasses(text: string): { start: number; end: number }[] {
  const words: Array<Word & { group: boolean }> = [];
  for (const m of text.matchAll(WORD)) {
    words.push({ start: m.index, end: m.index + m[0].length, group: PASS_GROUP.test(m[0]), digit: DIGIT.test(m[0]), letter: LETTER.test(m[0]) });
  }
  const spans: { start: number; end: number }[] = [];
  let run: Word[] = [];
  const flush = () => {
    if (run.length >= 4) spans.push(...bestWindows(run));
    run = [];
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const before = i > 0 ? text.slice(words[i - 1]!.end, word.start) : "";
    const after = i + 1 < words.length ? text.slice(word.end, words[i + 1]!.start) : "";
    if (!word.group || GLUE.has(before) || GLUE.has(after)) {
      flush();
      continue;
    }
    if (run.length > 0 && !SPACED_JOIN.test(before)) flush();
    run.push(word);
  }
  flush();
  return spans;
}

function bestWindows(run: Word[]): { start: number; end: number }[] {
  const mixed = run.map((g) => g.digit && g.letter);
  const windows: Array<{ first: number; score: number }> = [];
  for (let first = 0; first + 4 <= run.length; first++) {
    windows.push({ first, score: mixed.slice(first, first + 4).filter(Boolean).length });
  }
  let best = 0;
  for (const w of windows) best = Math.max(best, w.score);
  if (best === 0) {
    // No group mixes digits and letters (rare for a pass): only a run of exactly four, with both.
    const only = run.length === 4 && run.some((g) => g.digit) && run.some((g) => g.letter);
    return only ? [{ start: run[0]!.start, end: run[3]!.end }] : [];
  }
  const spans: { start: number; end: number }[] = [];
  for (const w of windows) {
    if (w.score !== best) continue;
    const start = run[w.first]!.start;
    const end = run[w.first + 3]!.end;
    const last = spans[spans.length - 1];
    if (last && start <= last.end) last.end = end;
    else spans.push({ start, end });
  }
  return spans;
}

/** The values written after a password keyword and separator, quotes excluded. */
function passwordValues(text: string): { start: number; end: number }[] {
  const values: { start: number; end: number }[] = [];
  const lead = new RegExp(PASSWORD_LEAD.source, PASSWORD_LEAD.flags);
  // The keyword is never empty, so each match moves lastIndex forward.
  while (lead.exec(text)) {
    const value = valueAt(text, lead.lastIndex);
    if (!value) continue;
    const content = text.slice(value.start, value.end);
    if (content === REDACTION_MARK) continue;
    if ([...content].length < MIN_PASSWORD_LENGTH) continue;
    if (PASSWORD_STOP_WORDS.has(content.replace(/[!?]+$/u, "").toLowerCase())) continue;
    values.push(value);
    lead.lastIndex = value.end;
  }
  return values;
}

/**
 * The value starting at `from`: a quoted string on this line (contents only), or else the next
 * whitespace-delimited token without surrounding quotes, trailing ".,;:" or an unmatched ")".
 * Other characters, such as a final "!" or "?", count as part of the value.
 */
function valueAt(text: string, from: number): { start: number; end: number } | null {
  const first = text[from];
  if (first === undefined || /\s/u.test(first)) return null;
  if (OPENING_QUOTES.includes(first)) {
    const limit = Math.min(text.length, from + 1 + MAX_QUOTED_LENGTH);
    for (let i = from + 1; i < limit; i++) {
      const c = text[i]!;
      if (c === "\n" || c === "\r") break;
      if (CLOSING_QUOTES.includes(c)) return i > from + 1 ? { start: from + 1, end: i } : null;
    }
  }
  let end = from;
  while (end < text.length && !/\s/u.test(text[end]!)) end++;
  let start = from;
  while (start < end && OPENING_QUOTES.includes(text[start]!)) start++;
  // Sentence punctuation and closing quotes stay visible: "pin: 9876, and" keeps its comma.
  while (end > start) {
    const last = text[end - 1]!;
    if (CLOSING_QUOTES.includes(last) || ".,;:".includes(last)) end--;
    else if (last === ")" && !text.slice(start, end).includes("(")) end--;
    else break;
  }
  return end > start ? { start, end } : null;
}

/** Whether the digit cluster `cluster` at `index` stands alone and has a one-time code's shape. */
function isOneTimeCode(text: string, index: number, cluster: string): boolean {
  const before = codePointBefore(text, index);
  // A colon blocks only after a digit (a time or ratio); "code:123456" is still a code.
  const colonAfterWord = before === ":" && !/\d/.test(text[index - 2] ?? "");
  if (before !== null && BLOCKED_BEFORE_CODE.test(before) && !colonAfterWord) return false;
  // An amount: "€ 123456".
  if (before === " " && index >= 2 && CURRENCY.test(text[index - 2]!)) return false;
  const end = index + cluster.length;
  const after = codePointAt(text, end);
  if (after !== null && BLOCKED_AFTER_CODE.test(after)) return false;
  if (after !== null && /[.,:]/.test(after) && /\d/.test(text[end + 1] ?? "")) return false;

  const groups = cluster.split(CLUSTER_SEPARATOR);
  const digits = groups.reduce((n, g) => n + g.length, 0);
  if (digits < ONE_TIME_CODE_MIN_DIGITS || digits > ONE_TIME_CODE_MAX_DIGITS) return false;
  if (groups.length === 1) return !(cluster.length === 8 && looksLikeDate(cluster));
  return groups.length === 2 && groups.every((g) => g.length >= ONE_TIME_CODE_MIN_GROUP_DIGITS);
}

/** Whether eight digits read as a calendar date, YYYYMMDD or DDMMYYYY, in 1900–2099. */
function looksLikeDate(digits: string): boolean {
  const n = (from: number, to: number) => Number(digits.slice(from, to));
  return isDate(n(0, 4), n(4, 6), n(6, 8)) || isDate(n(4, 8), n(2, 4), n(0, 2));
}

function isDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function codePointBefore(text: string, index: number): string | null {
  if (index <= 0) return null;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text[index - 1]!;
}

function codePointAt(text: string, index: number): string | null {
  const point = text.codePointAt(index);
  return point === undefined ? null : String.fromCodePoint(point);
}
