/**
 * Issue 10, item 2: an anonymous requester who typed someone's username never gets that account's
 * conversation. A merge keeps the surer requester's ticket (TICKET_MERGE_DIRECTION otherwise), and
 * a staff reply on a ticket whose contact address differs from the address on file goes to the
 * address on file only (requester-standing.ts).
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { tickets } from "@/db/schema";
import { queuedEmails } from "@/test/delivery";
import { personWithTicket, signedInAgent } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { parseTicketReference } from "./tickets.schemas";

const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

async function ticketRow(reference: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tickets)
    .where(eq(tickets.number, parseTicketReference(reference)!));
  return row!;
}

/** A ticket filed without signing in, naming `username`, with `contactEmail`; returns its reference and status-link token. */
async function anonymousTicket(username: string, contactEmail: string) {
  const filed = await new Browser().call(
    "tickets.submit",
    {
      category: "lost_phone",
      subject: "Lost phone",
      description: "My phone was stolen, please reset my account.",
      requester: { name: "Anna", username, contactEmail },
      locale: "en",
    },
    { headers: { "idempotency-key": `k-${randomUUID()}` } },
  );
  const { reference } = filed.body.result!.data as { reference: string };
  const [received] = await queuedEmails({ recipient: contactEmail, template: "ticket_received" });
  const token = /\/tickets\/status\/([A-Za-z0-9_-]+)/.exec(received!.body)![1]!;
  return { reference, token };
}

const attackerAddress = () => `attacker-${randomUUID().slice(0, 8)}@example.test`;

describe("merging keeps the account holder's ticket", () => {
  it("an anonymous ticket that typed her username cannot absorb her signed-in ticket; the other way round works", async () => {
    const anna = await personWithTicket();
    const attacker = await anonymousTicket(anna.person.username, attackerAddress());
    const { browser: agent } = await signedInAgent();

    const preview = await agent.call("tickets.mergePreview", { reference: anna.reference, into: attacker.reference }, { method: "GET" });
    expect(preview.body.result!.data).toMatchObject({
      duplicate: { reference: anna.reference, standing: "signed_in" },
      kept: { reference: attacker.reference, standing: "address_differs" },
      refusal: "TICKET_MERGE_DIRECTION",
    });
    const refused = await agent.call("tickets.merge", { reference: anna.reference, into: attacker.reference }, { headers: { "x-tweestap-locale": "en" } });
    expect(refused.status).toBe(409);
    expect(appCode(refused)).toBe("TICKET_MERGE_DIRECTION");
    expect(refused.body.error!.data.params).toEqual({ keep: anna.reference, other: attacker.reference });
    expect(refused.body.error!.message).toContain(`Ticket ${anna.reference} stays`);
    expect(await ticketRow(anna.reference)).toMatchObject({ status: "new", mergedIntoId: null });

    const reverse = await agent.call("tickets.mergePreview", { reference: attacker.reference, into: anna.reference }, { method: "GET" });
    expect(reverse.body.result!.data).toMatchObject({ refusal: null });
    expect((await agent.call("tickets.merge", { reference: attacker.reference, into: anna.reference })).status).toBe(200);
    expect(await ticketRow(attacker.reference)).toMatchObject({ status: "closed", mergedIntoId: (await ticketRow(anna.reference)).id });
  });

  it("a ticket from the address on file is not closed into one from another address; two unverified ones merge either way", async () => {
    const anna = await personWithTicket();
    const onFile = await anonymousTicket(anna.person.username, `${anna.person.username}@example.test`);
    const differs = await anonymousTicket(anna.person.username, attackerAddress());
    const again = await anonymousTicket(anna.person.username, attackerAddress());
    const { browser: agent } = await signedInAgent();
    expect(appCode(await agent.call("tickets.merge", { reference: onFile.reference, into: differs.reference }))).toBe("TICKET_MERGE_DIRECTION");
    expect(appCode(await agent.call("tickets.merge", { reference: anna.reference, into: onFile.reference }))).toBe("TICKET_MERGE_DIRECTION");
    expect((await agent.call("tickets.merge", { reference: again.reference, into: differs.reference })).status).toBe(200);
    expect((await agent.call("tickets.merge", { reference: differs.reference, into: onFile.reference })).status).toBe(200);
  });
});

describe("replies about an account go to the address on file only", () => {
  it("contact address differs: the reply's text is emailed to the address on file; the contact and the status link learn only that we replied", async () => {
    const anna = await personWithTicket();
    const contact = attackerAddress();
    const attacker = await anonymousTicket(anna.person.username, contact);
    const { browser: agent } = await signedInAgent();
    const helpdeskView = (await agent.call("tickets.forHelpdesk", { reference: attacker.reference }, { method: "GET" })).body.result!.data as { standing: string };
    expect(helpdeskView.standing).toBe("address_differs");

    const secretish = "Your number ending in 42 was removed; a temporary access pass is on its way.";
    const replied = await agent.call("tickets.staffReply", { reference: attacker.reference, body: secretish });
    expect(replied.body.result!.data).toMatchObject({ sentTo: "address_on_file" });

    const toContact = await queuedEmails({ recipient: contact });
    expect(toContact.map((m) => m.subject)).toEqual([`We received your ticket ${attacker.reference}`, `New reply on your ticket ${attacker.reference}`]);
    expect(toContact.map((m) => m.body).join("\n")).not.toContain("ending in 42");
    expect(toContact[1]!.body).toContain("registered address only");

    const onFile = await queuedEmails({ recipient: `${anna.person.username}@example.test`, template: "ticket_reply_on_file" });
    expect(onFile).toHaveLength(1);
    expect(onFile[0]!.body).toContain(secretish);
    expect(onFile[0]!.body).toContain(attacker.reference);

    const seen = (await new Browser().call("tickets.byStatusLink", { token: attacker.token }, { method: "GET" })).body.result!.data as {
      messages: Array<{ author: string; body: string; withheld: boolean }>;
    };
    expect(seen.messages).toEqual([expect.objectContaining({ author: "staff", body: "", withheld: true })]);
    expect(JSON.stringify(seen)).not.toContain("ending in 42");
  });

  it("contact address is the address on file: the usual notice and the reply on the status link", async () => {
    const anna = await personWithTicket();
    const address = `${anna.person.username}@example.test`;
    const own = await anonymousTicket(anna.person.username, address.toUpperCase());
    const { browser: agent } = await signedInAgent();
    const replied = await agent.call("tickets.staffReply", { reference: own.reference, body: "Please check your texts." });
    expect(replied.body.result!.data).toMatchObject({ sentTo: "contact" });
    expect(await queuedEmails({ template: "ticket_reply_on_file", personId: anna.person.id })).toHaveLength(0);
    const seen = (await new Browser().call("tickets.byStatusLink", { token: own.token }, { method: "GET" })).body.result!.data as {
      messages: Array<{ body: string; withheld: boolean }>;
    };
    expect(seen.messages).toEqual([expect.objectContaining({ body: "Please check your texts.", withheld: false })]);
  });
});
