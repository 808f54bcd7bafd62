import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { tickets } from "@/db/schema";
import { addSeconds } from "../core/clock";
import { keyedHash } from "../crypto/keyed-hash";
import { STATUS_TOKEN_DOMAIN, statusLink, statusTokenFor } from "./submit-ticket";

/** A closed ticket's status link works this long after closing; then it answers like an unknown link. */
export const STATUS_LINK_DAYS_AFTER_CLOSING = 90;

type LinkFacts = Pick<typeof tickets.$inferSelect, "id" | "locale" | "status" | "closedAt" | "statusLinkRevokedAt" | "statusLinkVersion">;

export interface StatusLinkState {
  /** Revoked by the helpdesk, expired 90 days after closing, or working. */
  state: "active" | "revoked" | "expired";
  /** When a closed ticket's link stops working; null while the ticket is not closed. */
  expiresAt: Date | null;
}

/**
 * Whether a ticket's private status link works. A revoked or expired link answers exactly like
 * an unknown one (the reader learns nothing about the ticket); the requester gets a fresh link
 * with the next notice (linkForNotice).
 */
export function statusLinkState(row: LinkFacts, at: Date): StatusLinkState {
  const expiresAt = row.status === "closed" && row.closedAt ? addSeconds(row.closedAt, STATUS_LINK_DAYS_AFTER_CLOSING * 24 * 60 * 60) : null;
  if (row.statusLinkRevokedAt) return { state: "revoked", expiresAt };
  if (expiresAt && expiresAt <= at) return { state: "expired", expiresAt };
  return { state: "active", expiresAt };
}

/**
 * The status link a notice to the requester carries (in the notice's transaction): the current
 * one while it works, else a fresh one. A fresh link is a new token (the next version); the old
 * token stays dead. Two notices at once renew it once.
 */
export async function linkForNotice(db: Executor, row: LinkFacts, at: Date): Promise<string> {
  if (statusLinkState(row, at).state === "active") return statusLink(row.locale, row.id, row.statusLinkVersion);
  const version = row.statusLinkVersion + 1;
  const [renewed] = await db
    .update(tickets)
    .set({ statusLinkVersion: version, statusTokenHash: keyedHash(STATUS_TOKEN_DOMAIN, statusTokenFor(row.id, version)), statusLinkRevokedAt: null })
    .where(and(eq(tickets.id, row.id), eq(tickets.statusLinkVersion, row.statusLinkVersion)))
    .returning({ version: tickets.statusLinkVersion });
  if (renewed) return statusLink(row.locale, row.id, renewed.version);
  const [current] = await db.select({ version: tickets.statusLinkVersion }).from(tickets).where(eq(tickets.id, row.id));
  return statusLink(row.locale, row.id, current!.version);
}
