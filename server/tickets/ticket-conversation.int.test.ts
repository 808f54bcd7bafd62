import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { queuedEmails } from "@/test/delivery";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, tickets } from "@/db/schema";
import { moveClockForTests } from "../core/clock";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { STATUS_LINK_DAYS_AFTER_CLOSING } from "./status-links";
import { statusTokenFor } from "./submit-ticket";
import { parseTicketReference } from "./tickets.schemas";

async function anonymousTicket() {
  const contactEmail = `c-${randomUUID().slice(0, 8)}@example.test`;
  const browser = new Browser();
  const response = await browser.call(
    "tickets.submit",
    {
      category: "no_code",
      subject: "No code",
      description: "Nothing arrives on my phone at all.",
      requester: { name: "Someone", username: "someone@example.test", contactEmail },
      locale: "en",
    },
    { headers: { "idempotency-key": `k-${randomUUID()}` } },
  );
  const { reference } = response.body.result!.data as { reference: string };
  const [received] = await queuedEmails({ recipient: contactEmail });
  const token = /\/tickets\/status\/([A-Za-z0-9_-]+)/.exec(received!.body)![1]!;
  return { reference, token, contactEmail, browser };
}

describe("a ticket's conversation", () => {
  it("a public staff reply reaches the requester by status link and email; an internal note never does; each action is audited once", async () => {
    const { reference, token, contactEmail } = await anonymousTicket();
    const agent = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true, role: "agent" }));
    expect((await agent.call("tickets.staffReply", { reference, body: "Internal: caller sounded unsure, verify first.", internal: true })).status).toBe(200);
    expect((await agent.call("tickets.staffReply", { reference, body: "Please check that our number is not blocked." })).status).toBe(200);

    const seen = await new Browser().call("tickets.byStatusLink", { token }, { method: "GET" });
    const view = seen.body.result!.data as { status: string; messages: Array<{ author: string; body: string }> };
    expect(view.status).toBe("waiting_on_person");
    expect(view.messages).toEqual([expect.objectContaining({ author: "staff", body: "Please check that our number is not blocked." })]);
    const mails = await queuedEmails({ recipient: contactEmail });
    expect(mails.map((m) => m.subject)).toEqual([`We received your ticket ${reference}`, `New reply on your ticket ${reference}`]);
    expect(mails[1]!.body).toContain(`/en/tickets/status/${token}`);

    // The requester answers through the link: the ticket is open again.
    const answered = await new Browser().call("tickets.replyByStatusLink", { token, body: "Not blocked. My code was 654321 by the way." });
    expect(answered.body.result!.data).toEqual({ redacted: ["one_time_code"] });
    const again = (await new Browser().call("tickets.byStatusLink", { token }, { method: "GET" })).body.result!.data as { status: string; messages: Array<{ body: string }> };
    expect(again.status).toBe("open");
    expect(again.messages.at(-1)!.body).toBe("Not blocked. My code was [redacted] by the way.");

    await agent.call("tickets.setStatus", { reference, status: "closed" });
    const statusMail = (await queuedEmails({ recipient: contactEmail })).at(-1)!;
    expect(statusMail.subject).toBe(`Your ticket ${reference} is now: Closed`);
    const refused = await new Browser().call("tickets.replyByStatusLink", { token, body: "One more thing." });
    expect(refused.status).toBe(409);
    expect(refused.body.error!.data.appCode).toBe("TICKET_CLOSED");

    const db = await getDb();
    const [ticket] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.number, parseTicketReference(reference)!));
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.ticketId, ticket!.id)).orderBy(auditEvents.id);
    expect(audit.map((a) => `${a.action}:${a.actorKind}`)).toEqual(["ticket.noted:staff", "ticket.replied:staff", "ticket.status_changed:staff"]);
  });

  it("people are refused the staff procedures; a wrong status link and another person's ticket look like nothing", async () => {
    const { reference } = await anonymousTicket();
    const person = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    expect((await person.call("tickets.staffReply", { reference, body: "hi" })).status).toBe(403);
    expect((await person.call("tickets.setStatus", { reference, status: "closed" })).status).toBe(403);
    expect((await person.call("tickets.get", { reference }, { method: "GET" })).status).toBe(404);
    const wrong = await new Browser().call("tickets.byStatusLink", { token: statusTokenFor(randomUUID()) }, { method: "GET" });
    expect(wrong.status).toBe(404);
  });
});

/** What a browser sees for a status link: the status and error of the view and of a reply, nothing else. */
async function linkAnswer(token: string) {
  const view = await new Browser().call("tickets.byStatusLink", { token }, { method: "GET" });
  const reply = await new Browser().call("tickets.replyByStatusLink", { token, body: "Is anyone there?" });
  return [view.status, view.body.error?.data.appCode ?? null, view.body.error?.message ?? null, reply.status, reply.body.error?.data.appCode ?? null];
}

const agentBrowser = async () => signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true, role: "agent" }));
const DAY_MS = 24 * 60 * 60_000;
const tokenIn = (body: string) => /\/tickets\/status\/([A-Za-z0-9_-]+)/.exec(body)![1]!;

describe("status links expire and can be revoked", () => {
  it("revoked by the helpdesk: the link answers like an unknown link; the next public reply emails a fresh one; audited once", async () => {
    const { reference, token, contactEmail } = await anonymousTicket();
    const unknown = await linkAnswer(statusTokenFor(randomUUID()));
    expect(unknown.slice(0, 2)).toEqual([404, "NOT_FOUND"]);
    expect((await new Browser().call("tickets.byStatusLink", { token }, { method: "GET" })).status).toBe(200);

    const agent = await agentBrowser();
    expect((await agent.call("tickets.revokeStatusLink", { reference })).status).toBe(200);
    expect(await linkAnswer(token)).toEqual(unknown);
    expect((await agent.call("tickets.revokeStatusLink", { reference })).status).toBe(200); // already revoked: nothing more
    const revokedView = (await agent.call("tickets.forHelpdesk", { reference }, { method: "GET" })).body.result!.data as { statusLink: { state: string } };
    expect(revokedView.statusLink.state).toBe("revoked");

    expect((await agent.call("tickets.staffReply", { reference, body: "Here is a new link for you." })).status).toBe(200);
    const fresh = tokenIn((await queuedEmails({ recipient: contactEmail, template: "ticket_reply" })).at(-1)!.body);
    expect(fresh).not.toBe(token);
    const seen = await new Browser().call("tickets.byStatusLink", { token: fresh }, { method: "GET" });
    expect(seen.body.result!.data).toMatchObject({ reference, messages: [expect.objectContaining({ body: "Here is a new link for you." })] });
    expect(await linkAnswer(token)).toEqual(unknown);
    // The next notice carries the same, working link again.
    moveClockForTests(1_000);
    expect((await agent.call("tickets.staffReply", { reference, body: "And one more thing." })).status).toBe(200);
    expect((await queuedEmails({ recipient: contactEmail, template: "ticket_reply" })).map((m) => tokenIn(m.body))).toEqual([fresh, fresh]);

    const db = await getDb();
    const [ticket] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.number, parseTicketReference(reference)!));
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.ticketId, ticket!.id)).orderBy(auditEvents.id);
    expect(audit.filter((a) => a.action === "ticket.status_link_revoked")).toEqual([expect.objectContaining({ actorKind: "staff", outcome: "success" })]);
  });

  it("a person cannot revoke a status link", async () => {
    const { reference, token } = await anonymousTicket();
    const person = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    expect((await person.call("tickets.revokeStatusLink", { reference })).status).toBe(403);
    expect((await new Browser().call("tickets.byStatusLink", { token }, { method: "GET" })).status).toBe(200);
  });

  it("a closed ticket's link works for 90 days after closing, then answers like an unknown link; reopening emails a fresh one", async () => {
    const { reference, token, contactEmail } = await anonymousTicket();
    expect((await (await agentBrowser()).call("tickets.setStatus", { reference, status: "closed" })).status).toBe(200);
    moveClockForTests((STATUS_LINK_DAYS_AFTER_CLOSING - 1) * DAY_MS);
    expect((await new Browser().call("tickets.byStatusLink", { token }, { method: "GET" })).body.result!.data).toMatchObject({ status: "closed" });
    moveClockForTests(2 * DAY_MS);
    const unknown = await linkAnswer(statusTokenFor(randomUUID()));
    expect(await linkAnswer(token)).toEqual(unknown);

    const agent = await agentBrowser();
    const expiredView = (await agent.call("tickets.forHelpdesk", { reference }, { method: "GET" })).body.result!.data as { statusLink: { state: string } };
    expect(expiredView.statusLink.state).toBe("expired");
    expect((await agent.call("tickets.setStatus", { reference, status: "open" })).status).toBe(200);
    const notices = await queuedEmails({ recipient: contactEmail, template: "ticket_status_changed" });
    expect(notices.map((m) => tokenIn(m.body))[0]).toBe(token); // the "closed" notice
    const fresh = tokenIn(notices.at(-1)!.body);
    expect(fresh).not.toBe(token);
    expect((await new Browser().call("tickets.byStatusLink", { token: fresh }, { method: "GET" })).body.result!.data).toMatchObject({ status: "open" });
    expect(await linkAnswer(token)).toEqual(unknown);
  });
});
