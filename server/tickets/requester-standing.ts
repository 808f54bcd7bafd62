import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { people, type tickets } from "@/db/schema";

type TicketRow = typeof tickets.$inferSelect;

/**
 * How sure the helpdesk can be that a ticket's requester is the person it is about:
 * - `signed_in`: filed while signed in as that person;
 * - `address_on_file`: filed without signing in, for an account, from the address on file;
 * - `address_differs`: filed without signing in, for an account, with a contact address that is
 *   not the address on file (or the account has none): anyone can type a username, so nothing
 *   about the account may reach that address;
 * - `no_account`: the username names no account, so there is no account to give away.
 */
export type RequesterStanding = "signed_in" | "address_on_file" | "address_differs" | "no_account";

/** Higher is surer. A merge never moves a conversation to a less sure requester. */
export const STANDING_RANK: Record<RequesterStanding, number> = { no_account: 0, address_differs: 0, address_on_file: 1, signed_in: 2 };

function sameAddress(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function standingOf(row: Pick<TicketRow, "submittedBy" | "personId" | "contactEmail">, addressOnFile: string | null): RequesterStanding {
  if (row.submittedBy === "person") return "signed_in";
  if (!row.personId) return "no_account";
  return sameAddress(row.contactEmail, addressOnFile) ? "address_on_file" : "address_differs";
}

/** The standing of a ticket's requester, and the address on file of the person it is about. */
export async function requesterStanding(
  db: Executor,
  row: Pick<TicketRow, "submittedBy" | "personId" | "contactEmail">,
): Promise<{ standing: RequesterStanding; addressOnFile: string | null }> {
  const [person] = row.personId ? await db.select({ email: people.email }).from(people).where(eq(people.id, row.personId)) : [];
  const addressOnFile = person?.email ?? null;
  return { standing: standingOf(row, addressOnFile), addressOnFile };
}

/**
 * The reply rule ("replies that mention account details go only to the address on file"). What
 * counts as mentioning account details: every public staff reply on a ticket about an account.
 * Staff cannot be relied on to notice what a reply gives away (that a number ends in 42, that
 * the app was reset, that a pass is on its way), so the rule does not depend on the text. On a
 * ticket whose requester is `address_differs`:
 * - the reply's text goes by email to the address on file only (with a note that someone asked
 *   for help with the account from another address, so the owner learns of it);
 * - the contact address gets a neutral notice that we replied and where the answer went;
 * - the status link (held by whoever gave the contact address) shows that a reply was sent,
 *   never its text.
 * Status changes and merge notices carry no account details and go to the contact as before.
 * Every other standing: the contact address gets the usual notice with the status link.
 */
export function replyWithheldFromContact(standing: RequesterStanding): boolean {
  return standing === "address_differs";
}
