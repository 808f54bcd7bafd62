import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { people, tickets, type ErrorDetailsFieldsRow } from "@/db/schema";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { keyedHash } from "../crypto/keyed-hash";
import { enqueueMessage } from "../delivery/enqueue";
import { browsersSignIn, callersSignIn, explainCorrelation } from "../diagnosis/diagnose-sign-in";
import { getEnv } from "../core/env";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { findPersonByUsername } from "../people/find-person";
import { normalizeUsername } from "../people/username";
import { addressBucketKey } from "../rate-limit/address-key";
import { hitBucket, refundBucket } from "../rate-limit/buckets";
import { finishRunWithTicket, runByToken, runSteps } from "../troubleshooting/wizard-runs";
import { WIZARDS } from "../troubleshooting/wizards";
import type { WizardId } from "../troubleshooting/wizard-ids";
import { redactSecrets } from "./redact";
import { priorityFor } from "./ticket-rules";
import { IDEMPOTENCY_KEY_PATTERN, parseTimestampWithZone, ticketReference, type SubmitTicketInput } from "./tickets.schemas";

/** Anonymous tickets per client address (PRODUCT.md: no account enumeration, no flooding). */
export const ANONYMOUS_TICKET_LIMIT = { perAddress: 5, windowSeconds: 60 * 60, global: 200 } as const;
export const STATUS_TOKEN_DOMAIN = "ticket-status";

export interface SubmittedTicket {
  reference: string;
  /** Kinds of text taken out before storage (the page says so). */
  redacted: string[];
  /** Signed in: where the ticket is; anonymous: null (the status link goes to the contact address only). */
  myTicketPath: string | null;
}

/**
 * The private status link's token, derived from the ticket's ID (and the link's version: a fresh
 * link after a revocation or expiry is the next one) with the server's hash key, so every notice
 * can carry the link again; only its keyed hash is stored (for the lookup). See ./status-links.
 */
export function statusTokenFor(ticketId: string, version = 0): string {
  return keyedHash("ticket-status-link", version === 0 ? ticketId : `${ticketId}:${version}`).slice(3);
}

export function statusLink(locale: "nl" | "en", ticketId: string, version = 0): string {
  return new URL(`/${locale}/tickets/status/${statusTokenFor(ticketId, version)}`, getEnv().publicUrl).toString();
}

function requestHash(input: SubmitTicketInput, submitter: string): string {
  return keyedHash("ticket-request", JSON.stringify([submitter, input]));
}

/**
 * The sign-in a ticket is about, by correlation ID: the one given (typed, or from the wizard's
 * error details), or else the attempt this browser holds. Its helpdesk view is attached only when
 * it is the signed-in requester's own sign-in or this browser made it (the same rule as "What
 * happened?"); a correlation ID or display session ID from another browser is kept as the
 * requester typed it, with nothing attached, so a ticket cannot borrow someone else's sign-in.
 */
async function attachDiagnosis(
  db: Executor,
  input: { correlationId?: string; session: SessionContext | null; cookieHeader: string | null; personId: string | null },
): Promise<{ correlationId: string | null; diagnosis: Record<string, unknown> | null }> {
  const correlationId = input.correlationId ?? (await browsersSignIn(db, input.cookieHeader));
  if (!correlationId) return { correlationId: null, diagnosis: null };
  const relation = await callersSignIn(db, { correlationId, personId: input.session?.person.id ?? null, cookieHeader: input.cookieHeader });
  if (!relation) return { correlationId, diagnosis: null };
  const full = await explainCorrelation(db, correlationId);
  if (!full) return { correlationId, diagnosis: null };
  return { correlationId, diagnosis: { ...full, matchesRequester: input.personId !== null && full.personId === input.personId } };
}

/**
 * Files a ticket, signed in or anonymous. Idempotent on the client's Idempotency-Key: a retry
 * with the same content gets the same ticket; the same key with other content is refused.
 * Text that looks like a code, password, app password, recovery code or pass is redacted before
 * it is stored. Anonymous: the answer is the same whether the username exists; the status link
 * goes to the contact address given.
 */
export async function submitTicket(
  input: SubmitTicketInput,
  context: { session: SessionContext | null; request: RequestInfo; idempotencyKey: string | null },
): Promise<SubmittedTicket> {
  const { session, request } = context;
  const key = context.idempotencyKey;
  if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) throw new AppError("IDEMPOTENCY_KEY_REQUIRED");
  if (!session && !input.requester) throw new AppError("INPUT_INVALID");
  const db = await getDb();
  const at = now();
  const submitter = session ? `person:${session.person.id}` : "anonymous";
  const hash = requestHash(input, submitter);

  const answerFor = (row: { number: number; redactions: string[]; submittedBy: string }): SubmittedTicket => {
    const reference = ticketReference(row.number);
    return { reference, redacted: row.redactions, myTicketPath: row.submittedBy === "person" ? `/tickets/${reference}` : null };
  };
  const existing = async () => {
    const [row] = await db.select().from(tickets).where(eq(tickets.idempotencyKey, key));
    if (!row) return null;
    if (row.requestHash !== hash) throw new AppError("IDEMPOTENCY_KEY_REUSED");
    return answerFor(row);
  };
  const retried = await existing();
  if (retried) return retried;

  const reserved = session ? [] : await reserveAnonymousTicket(db, request.ip, at);
  let ticket: typeof tickets.$inferSelect | null;
  try {
    ticket = await fileTicket(db, input, { session, request, key, hash, at });
  } catch (error) {
    await giveBack(db, reserved);
    throw error;
  }
  if (ticket) return answerFor(ticket);
  // Lost the race to a concurrent retry with the same key: that ticket is the answer (counted once).
  await giveBack(db, reserved);
  return (await existing())!;
}

/**
 * Counts one anonymous ticket against its address's limit (IPv6 by /64) and the overall one, or
 * refuses it with RATE_LIMITED. A refused submission gives back what it took, so only accepted
 * tickets count: one address's refused tries never close anonymous tickets for everyone.
 */
async function reserveAnonymousTicket(db: Executor, ip: string, at: Date): Promise<string[]> {
  const buckets = [
    { key: `ticket-anon:ip:${addressBucketKey(ip)}`, max: ANONYMOUS_TICKET_LIMIT.perAddress },
    { key: "ticket-anon:global", max: ANONYMOUS_TICKET_LIMIT.global },
  ];
  const taken: string[] = [];
  for (const bucket of buckets) {
    const state = await hitBucket(db, bucket.key, ANONYMOUS_TICKET_LIMIT.windowSeconds, at);
    taken.push(bucket.key);
    if (state.count > bucket.max) {
      await giveBack(db, taken);
      const seconds = Math.max(1, Math.ceil((state.windowEndsAt.getTime() - at.getTime()) / 1000));
      throw new AppError("RATE_LIMITED", { params: { seconds }, retryAfterSeconds: seconds });
    }
  }
  return taken;
}

async function giveBack(db: Executor, keys: string[]): Promise<void> {
  for (const key of keys) await refundBucket(db, key);
}

async function fileTicket(
  db: Executor,
  input: SubmitTicketInput,
  context: { session: SessionContext | null; request: RequestInfo; key: string; hash: string; at: Date },
): Promise<typeof tickets.$inferSelect | null> {
  const { session, request, key, hash, at } = context;
  const subject = redactSecrets(input.subject);
  const description = redactSecrets(input.description);
  const redactions = [...new Set([...subject.redacted, ...description.redacted])];
  const requesterUsername = session ? session.person.username : normalizeUsername(input.requester!.username);
  const person = session
    ? { id: session.person.id, email: null as string | null }
    : await findPersonByUsername(db, requesterUsername).then((p) => (p ? { id: p.id, email: p.email } : null));
  const [me] = session ? await db.select({ email: people.email, displayName: people.displayName }).from(people).where(eq(people.id, session.person.id)) : [];

  const run = input.wizardRunToken ? await runByToken(db, input.wizardRunToken, session?.person.id ?? null) : null;
  const diagnostics: Partial<NonNullable<SubmitTicketInput["diagnostics"]>> = input.diagnostics ?? {};
  const prefill: ErrorDetailsFieldsRow = run?.prefill ?? {};
  const correlationInput = diagnostics.correlationId ?? prefill.correlationId;
  const displaySessionId = diagnostics.displaySessionId ?? prefill.displaySessionId;
  const occurredAtText = diagnostics.occurredAt ?? prefill.occurredAt;
  const attached = await attachDiagnosis(db, { correlationId: correlationInput, session, cookieHeader: request.cookieHeader, personId: person?.id ?? null });
  const category = run ? WIZARDS[run.wizard as WizardId].category : input.category;
  const priority = priorityFor({ category, finding: (attached.diagnosis?.finding as { finding?: string } | null)?.finding ?? null });
  const ticketId = randomUUID();
  const contactEmail = session ? (me?.email ?? null) : input.requester!.contactEmail;

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tickets)
      .values({
        id: ticketId,
        personId: person?.id ?? null,
        submittedBy: session ? "person" : "anonymous",
        requesterName: session ? (me?.displayName ?? session.person.displayName) : input.requester!.name,
        requesterUsername,
        contactEmail,
        locale: input.locale,
        category,
        priority,
        status: "new",
        subject: subject.text,
        description: description.text,
        correlationId: attached.correlationId,
        displaySessionId: displaySessionId ?? null,
        errorCode: diagnostics.errorCode ?? prefill.errorCode ?? null,
        occurredAt: occurredAtText ? parseTimestampWithZone(occurredAtText) : null,
        occurredAtText: occurredAtText ?? null,
        pageUrl: diagnostics.pageUrl ?? prefill.pageUrl ?? null,
        wizardRunId: run?.id ?? null,
        wizardAnswers: run ? await runSteps(tx, run.id) : null,
        browser: request.userAgent,
        clockOffsetSeconds: diagnostics.clockOffsetSeconds ?? null,
        diagnosis: attached.diagnosis,
        redactions,
        statusTokenHash: keyedHash(STATUS_TOKEN_DOMAIN, statusTokenFor(ticketId)),
        idempotencyKey: key,
        requestHash: hash,
        clientIp: request.ip,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing({ target: tickets.idempotencyKey })
      .returning();
    if (!row) return null;
    if (run) await finishRunWithTicket(tx, run.id, row.id, at);
    if (contactEmail) {
      await enqueueMessage(tx, {
        channel: "email",
        recipient: contactEmail,
        personId: session ? session.person.id : null,
        locale: input.locale,
        template: "ticket_received",
        params: { reference: ticketReference(row.number), link: statusLink(input.locale, ticketId) },
      });
    }
    return row;
  });
}
