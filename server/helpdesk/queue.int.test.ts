import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { tickets } from "@/db/schema";
import { moveClockForTests } from "../core/clock";
import { parseTicketReference } from "../tickets/tickets.schemas";
import { signedInAgent } from "@/test/helpdesk";
import { Browser } from "@/test/http";

type Row = { reference: string; assignee: string | null; breaching: boolean; status: string };
type Page = { rows: Row[]; next: string | null };

async function fileAnonymous(subject: string, category = "no_code", username = `q-${randomUUID().slice(0, 8)}@example.test`) {
  const response = await new Browser().call(
    "tickets.submit",
    { category, subject, description: `${subject}: please help me with this.`, requester: { name: "Queue Test", username, contactEmail: "queue@example.test" } },
    { headers: { "idempotency-key": `k-${randomUUID()}` } },
  );
  return (response.body.result!.data as { reference: string }).reference;
}

async function queue(agent: Browser, input: Record<string, unknown>): Promise<Page> {
  const response = await agent.call("helpdesk.queue", input, { method: "GET" });
  expect(response.status).toBe(200);
  return response.body.result!.data as Page;
}

describe("the helpdesk queue", () => {
  it("claim: unassigned → mine; someone else cannot claim it; assignments are audited", async () => {
    const marker = `claim-${randomUUID().slice(0, 8)}`;
    const reference = await fileAnonymous(marker);
    const { browser: desk, person: me } = await signedInAgent();
    expect((await queue(desk, { view: "unassigned", q: marker })).rows.map((r) => r.reference)).toEqual([reference]);
    expect((await desk.call("helpdesk.assign", { reference })).body.result!.data).toEqual({ assignee: me.username });
    expect((await queue(desk, { view: "unassigned", q: marker })).rows).toEqual([]);
    expect((await queue(desk, { view: "mine", q: marker })).rows).toEqual([expect.objectContaining({ reference, assignee: me.username, status: "open" })]);
    const { browser: other, person: otherAgent } = await signedInAgent();
    expect((await other.call("helpdesk.assign", { reference })).body.error!.data.appCode).toBe("TICKET_ALREADY_CLAIMED");
    // Handing it over is allowed.
    expect((await desk.call("helpdesk.assign", { reference, to: otherAgent.username })).body.result!.data).toEqual({ assignee: otherAgent.username });
  });

  it("search by reference, correlation ID, error code, username and text", async () => {
    const marker = `search-${randomUUID().slice(0, 8)}`;
    const username = `${marker}@example.test`;
    const reference = await fileAnonymous(`Phone ${marker}`, "no_code", username);
    const db = await getDb();
    const correlationId = randomUUID();
    await db
      .update(tickets)
      .set({ correlationId, errorCode: "MFA_CLOCK_DRIFT" })
      .where(eq(tickets.number, parseTicketReference(reference)!));
    const { browser: desk } = await signedInAgent();
    // Words match whole, in any order and case; every word must occur.
    for (const q of [reference, correlationId.toUpperCase(), username, marker, `phone ${marker}`, `${marker.toUpperCase()} HELP please`]) {
      expect(
        (await queue(desk, { view: "all", q })).rows.map((r) => r.reference),
        q,
      ).toContain(reference);
    }
    for (const q of [`${marker} tablet`, marker.slice(0, -2)]) {
      expect(
        (await queue(desk, { view: "all", q })).rows.map((r) => r.reference),
        q,
      ).not.toContain(reference);
    }
    expect((await queue(desk, { view: "all", q: "MFA_CLOCK_DRIFT" })).rows.map((r) => r.reference)).toContain(reference);
    expect((await queue(desk, { view: "all", q: "%" })).rows.map((r) => r.reference)).not.toContain("TS-?");
  });

  it("keyset pages: every ticket once, oldest first", async () => {
    const marker = `page-${randomUUID().slice(0, 8)}`;
    const filed: string[] = [];
    for (let i = 0; i < 5; i++) {
      filed.push(await fileAnonymous(`${marker} ${i}`));
      moveClockForTests(1000);
    }
    const { browser: desk } = await signedInAgent();
    const seen: string[] = [];
    let after: string | undefined;
    for (let round = 0; round < 10; round++) {
      const page = await queue(desk, { view: "all", q: marker, limit: 2, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.reference));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(filed);
  });

  it("breaching SLA: a high-priority ticket without a first response after an hour", async () => {
    const marker = `sla-${randomUUID().slice(0, 8)}`;
    const reference = await fileAnonymous(marker, "lost_phone");
    const normal = await fileAnonymous(`${marker} normal`, "no_code");
    const { person: agentPerson } = await signedInAgent();
    moveClockForTests(61 * 60_000);
    // Staff sessions end after 15 idle minutes: sign in again after the clock moved.
    const { signedInWithCode } = await import("@/test/sign-in");
    const desk = await signedInWithCode(agentPerson);
    const page = await queue(desk, { view: "breaching", q: marker });
    // High: 1 hour to a first response, so overdue; normal has 8 hours, so not yet.
    expect(page.rows).toEqual([expect.objectContaining({ reference, breaching: true })]);
    expect((await queue(desk, { view: "all", q: marker })).rows.find((r) => r.reference === normal)).toMatchObject({ breaching: false });
  });

  it("bulk status: several tickets at once", async () => {
    const marker = `bulk-${randomUUID().slice(0, 8)}`;
    const references = [await fileAnonymous(`${marker} a`), await fileAnonymous(`${marker} b`)];
    const { browser: desk } = await signedInAgent();
    expect((await desk.call("helpdesk.bulkStatus", { references, status: "resolved" })).body.result!.data).toEqual({ changed: 2 });
    expect((await queue(desk, { view: "all", q: marker, status: "resolved" })).rows.map((r) => r.reference).sort()).toEqual([...references].sort());
  });
});
