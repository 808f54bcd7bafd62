import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, tickets } from "@/db/schema";
import { queuedEmails } from "@/test/delivery";
import { fileTicket, personWithTicket, signedInAgent } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { ticketHistory } from "./ticket-history";
import { parseTicketReference } from "./tickets.schemas";

async function ticketRow(reference: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tickets)
    .where(eq(tickets.number, parseTicketReference(reference)!));
  return row!;
}

describe("merging duplicate tickets", () => {
  it("closes the duplicate with a note naming the kept ticket, tells its requester, keeps the higher priority, audits once, and both histories show it", async () => {
    const { browser, reference: kept } = await personWithTicket();
    const duplicate = await fileTicket(browser);
    const db = await getDb();
    await db
      .update(tickets)
      .set({ priority: "low" })
      .where(eq(tickets.number, parseTicketReference(kept)!));
    const { browser: agent, person: agentPerson } = await signedInAgent();

    const merged = await agent.call("tickets.merge", { reference: duplicate, into: ` ${kept.toLowerCase()} ` });
    expect(merged.status).toBe(200);
    expect(merged.body.result!.data).toEqual({ into: kept });

    const dup = await ticketRow(duplicate);
    const keptRow = await ticketRow(kept);
    expect(dup.status).toBe("closed");
    expect(dup.mergedIntoId).toBe(keptRow.id);
    expect(keptRow.priority).toBe("high"); // lost phone tickets are high; the kept one was lowered to low above
    const mine = (await browser.call("tickets.get", { reference: duplicate }, { method: "GET" })).body.result!.data as {
      status: string;
      messages: Array<{ author: string; body: string }>;
    };
    expect(mine.status).toBe("closed");
    expect(mine.messages.at(-1)).toMatchObject({ author: "system" });
    expect(mine.messages.at(-1)!.body).toContain(kept);
    const replied = await browser.call("tickets.reply", { reference: duplicate, body: "Any news?" });
    expect(replied.body.error!.data.appCode).toBe("TICKET_CLOSED");

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "ticket.merged"));
    const mineAudit = audit.filter((a) => a.detail?.duplicateId === dup.id);
    expect(mineAudit).toHaveLength(1);
    expect(mineAudit[0]).toMatchObject({ ticketId: keptRow.id, actorPersonId: agentPerson.id });
    for (const row of [dup, keptRow]) {
      const history = await ticketHistory(db, row);
      expect(history[0]!.action).toBe("ticket.filed");
      expect(history.map((h) => h.action)).toContain("ticket.merged");
    }
    // A second merge of the same duplicate finds it closed.
    const again = await agent.call("tickets.merge", { reference: duplicate, into: kept });
    expect(again.body.error!.data.appCode).toBe("TICKET_MERGE_INVALID");
  });

  it("refuses the same ticket, another person's ticket and a closed ticket; people cannot merge at all", async () => {
    const first = await personWithTicket();
    const second = await personWithTicket();
    const { browser: agent } = await signedInAgent();
    for (const [reference, into] of [
      [first.reference, first.reference],
      [first.reference, second.reference],
    ] as const) {
      const refused = await agent.call("tickets.merge", { reference, into });
      expect(refused.status).toBe(409);
      expect(refused.body.error!.data.appCode).toBe("TICKET_MERGE_INVALID");
    }
    const closed = await fileTicket(first.browser);
    await agent.call("tickets.setStatus", { reference: closed, status: "closed" });
    expect((await agent.call("tickets.merge", { reference: first.reference, into: closed })).body.error!.data.appCode).toBe("TICKET_MERGE_INVALID");
    expect((await first.browser.call("tickets.merge", { reference: closed, into: first.reference })).status).toBe(403);
    expect((await ticketRow(first.reference)).status).not.toBe("closed");
  });

  it("an anonymous duplicate's requester is emailed the kept reference", async () => {
    const { person, reference: kept } = await personWithTicket();
    const contactEmail = `dup-${person.id.slice(0, 8)}@example.test`;
    const anonymous = await new Browser().call(
      "tickets.submit",
      {
        category: "lost_phone",
        subject: "Lost phone",
        description: "Phone stolen on the train.",
        requester: { name: "Same", username: person.username, contactEmail },
        locale: "en",
      },
      { headers: { "idempotency-key": `k-${person.id}` } },
    );
    const duplicate = (anonymous.body.result!.data as { reference: string }).reference;
    const { browser: agent } = await signedInAgent();
    expect((await agent.call("tickets.merge", { reference: duplicate, into: kept })).status).toBe(200);
    const mails = await queuedEmails({ recipient: contactEmail, template: "ticket_merged" });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Your ticket ${duplicate} continues as ${kept}`);
  });
});
