import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { callerVerifications, people, tickets } from "@/db/schema";
import type { MethodDescription } from "../verification/methods/method";
import { methodRows } from "../verification/methods/method-rows";
import { describeMethod } from "../verification/methods/registry";
import { CALLER_VERIFICATION, verificationTargets } from "./caller-verification";

/** How the latest caller verification on the ticket ended (none: never tried). */
export type CallerVerificationOutcome = "none" | "waiting" | "not_read_back" | "too_many_wrong" | "verified" | "expired" | "used";

/**
 * What the approving agent must see beside the free-text reason (issue 10): the person's methods
 * and verification targets, whether caller verification was tried on this ticket and how it
 * ended, whether the phone was recorded lost, and whether the ticket's contact address differs
 * from the address on file. Computed here, on the server; the approval carries their digest, and
 * `approve` refuses a digest that does not match the facts as they are now.
 */
export interface ApprovalFacts {
  /** Each method as its description names it (label, masked detail, the person's own name): what <MethodLabel> shows. */
  methods: Array<Pick<MethodDescription, "labelKey" | "detail" | "nickname">>;
  verificationTargets: string[];
  phoneLost: boolean;
  callerVerification: { tries: number; outcome: CallerVerificationOutcome };
  anonymousTicket: boolean;
  contactDiffers: boolean;
}

/** The facts that are the same for every approval on one ticket (all but phoneLost). */
export type TicketFacts = Omit<ApprovalFacts, "phoneLost">;

export async function ticketFacts(db: Executor, input: { ticketId: string; personId: string; at: Date }): Promise<TicketFacts> {
  // In a fixed order (kind, then ID), so the digest is the same for the same facts.
  const methods = (await methodRows(db, input.personId))
    .map((row) => ({ kind: row.method.kind, id: row.method.id, described: describeMethod(row) }))
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const targets = await verificationTargets(db, input.personId);
  const tries = await db
    .select()
    .from(callerVerifications)
    .where(and(eq(callerVerifications.ticketId, input.ticketId), eq(callerVerifications.personId, input.personId)))
    .orderBy(desc(callerVerifications.createdAt), desc(callerVerifications.id));
  const [ticket] = await db.select({ submittedBy: tickets.submittedBy, contactEmail: tickets.contactEmail }).from(tickets).where(eq(tickets.id, input.ticketId));
  const [person] = await db.select({ email: people.email }).from(people).where(eq(people.id, input.personId));
  const onFile = person?.email?.trim().toLowerCase() ?? null;
  const contact = ticket?.contactEmail?.trim().toLowerCase() ?? null;
  return {
    methods: methods.map(({ described: { labelKey, detail, nickname } }) => ({ labelKey, detail, nickname })),
    verificationTargets: targets.map((t) => t.display).sort(),
    callerVerification: { tries: tries.length, outcome: outcomeOf(tries[0], input.at) },
    anonymousTicket: ticket?.submittedBy !== "person",
    contactDiffers: contact !== null && contact !== onFile,
  };
}

function outcomeOf(row: typeof callerVerifications.$inferSelect | undefined, at: Date): CallerVerificationOutcome {
  if (!row) return "none";
  if (row.usedAt) return "used";
  if (row.verifiedAt) return row.expiresAt && row.expiresAt > at ? "verified" : "expired";
  if (row.failures >= CALLER_VERIFICATION.maxFailures) return "too_many_wrong";
  return at.getTime() - row.createdAt.getTime() > CALLER_VERIFICATION.codeTtlSeconds * 1000 ? "not_read_back" : "waiting";
}

export function approvalFacts(ticket: TicketFacts, approval: { phoneLost: boolean }): ApprovalFacts {
  return { ...ticket, phoneLost: approval.phoneLost };
}

/** The digest the approve call carries: proof the approver was shown these facts, as they are now. */
export function factsDigest(approvalId: string, facts: ApprovalFacts): string {
  const canonical = JSON.stringify([approvalId, facts.methods, facts.verificationTargets, facts.phoneLost, facts.callerVerification, facts.anonymousTicket, facts.contactDiffers]);
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 32);
}
