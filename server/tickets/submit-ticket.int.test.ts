import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { queuedEmails } from "@/test/delivery";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { tickets, wizardRuns } from "@/db/schema";
import { startWizardRun, answerWizardStep } from "../troubleshooting/wizard-runs";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { parseTicketReference } from "./tickets.schemas";

const key = () => `k-${randomUUID()}`;
const appCode = (r: { body: { error?: { data: Record<string, unknown> } } }) => r.body.error?.data.appCode;

function submit(browser: Browser, input: Record<string, unknown>, idempotencyKey: string | null = key()) {
  return browser.call("tickets.submit", input, { headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {} });
}

const anonymous = (username: string, contactEmail = `contact-${randomUUID().slice(0, 8)}@example.test`) => ({
  category: "no_code",
  subject: "No code arrives",
  description: "I asked for a text three times and nothing arrived on my phone.",
  requester: { name: "Test Person", username, contactEmail },
});

async function ticketRow(reference: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tickets)
    .where(eq(tickets.number, parseTicketReference(reference)!));
  return row!;
}

describe("filing a ticket", () => {
  it("ten submissions with one Idempotency-Key create one ticket; the same key with other content is refused", async () => {
    const browser = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    const idempotencyKey = key();
    const input = { category: "other", subject: "Question", description: "How do I add a second phone to my account?" };
    const answers = await Promise.all(Array.from({ length: 10 }, () => submit(browser, input, idempotencyKey)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const references = new Set(answers.map((a) => (a.body.result!.data as { reference: string }).reference));
    expect(references.size).toBe(1);
    const [reference] = [...references];
    expect(reference).toMatch(/^TS-\d{6}$/);
    const db = await getDb();
    expect(await db.select().from(tickets).where(eq(tickets.idempotencyKey, idempotencyKey))).toHaveLength(1);

    const other = await submit(browser, { ...input, description: "Something else entirely, but the same key." }, idempotencyKey);
    expect(other.status).toBe(409);
    expect(appCode(other)).toBe("IDEMPOTENCY_KEY_REUSED");
    const missing = await submit(browser, input, null);
    expect(missing.status).toBe(400);
    expect(appCode(missing)).toBe("IDEMPOTENCY_KEY_REQUIRED");
  });

  it("anonymous: the same answer whether the username exists, and the contact gets the status link", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const known = anonymous(person.username);
    const unknown = anonymous(`nobody-${randomUUID().slice(0, 8)}@example.test`);
    const a = await submit(new Browser(), known);
    const b = await submit(new Browser(), unknown);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const shape = (r: typeof a) => ({ ...(r.body.result!.data as Record<string, unknown>), reference: "TS-?" });
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a)).toEqual({ reference: "TS-?", redacted: [], myTicketPath: null });
    for (const [input, answer] of [
      [known, a],
      [unknown, b],
    ] as const) {
      const [mail] = await queuedEmails({ recipient: input.requester.contactEmail });
      const reference = (answer.body.result!.data as { reference: string }).reference;
      expect(mail!.subject).toContain(reference);
      const link = /(http\S+\/tickets\/status\/[A-Za-z0-9_-]+)/.exec(mail!.body)![1]!;
      const token = link.split("/").pop()!;
      const status = await new Browser().call("tickets.byStatusLink", { token }, { method: "GET" });
      expect(status.body.result!.data).toMatchObject({ reference, status: "new", subject: "No code arrives" });
    }
    expect((await ticketRow((a.body.result!.data as { reference: string }).reference)).personId).toBe(person.id);
  });

  it("anonymous submissions are rate limited per address; retries of one ticket are not counted", async () => {
    const browser = new Browser();
    const first = anonymous("someone@example.test");
    const firstKey = key();
    for (let i = 0; i < 3; i++) expect((await submit(browser, first, firstKey)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await submit(browser, anonymous("someone@example.test"))).status).toBe(200);
    const over = await submit(browser, anonymous("someone@example.test"));
    expect(over.status).toBe(429);
    expect(appCode(over)).toBe("RATE_LIMITED");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await submit(new Browser(), anonymous("someone@example.test"))).status).toBe(200);
  });

  it("200 anonymous tries from one address do not block a ticket from another address", async () => {
    const noisy = new Browser();
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await submit(noisy, anonymous("someone@example.test"))).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    // Only the five accepted tickets counted toward the overall limit of 200 an hour.
    expect((await submit(new Browser(), anonymous("someone-else@example.test"))).status).toBe(200);
  });

  it("IPv6 addresses share the per-address limit by /64", async () => {
    const prefix = `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
    for (let i = 1; i <= 5; i++) expect((await submit(new Browser(`${prefix}::${i}`), anonymous("someone@example.test"))).status).toBe(200);
    const sameNetwork = await submit(new Browser(`${prefix}:ffff:ffff:ffff:ffff`), anonymous("someone@example.test"));
    expect(sameNetwork.status).toBe(429);
    expect(appCode(sameNetwork)).toBe("RATE_LIMITED");
    expect((await submit(new Browser(`${prefix.slice(0, -1)}${prefix.endsWith("f") ? "e" : "f"}::1`), anonymous("someone@example.test"))).status).toBe(200);
  });

  it("a code typed into the description is redacted before storage; a date and a ticket reference are not", async () => {
    const browser = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    const response = await submit(browser, {
      category: "no_code",
      subject: "Code 482913 refused",
      description: "On 2026-11-22 at 09:14 the code 482 913 was refused, like in TS-000123. My password is Winter2026!",
    });
    expect(response.body.result!.data).toMatchObject({ redacted: ["one_time_code", "password"] });
    const row = await ticketRow((response.body.result!.data as { reference: string }).reference);
    expect(row.subject).toBe("Code [redacted] refused");
    expect(row.description).toBe("On 2026-11-22 at 09:14 the code [redacted] was refused, like in TS-000123. My password is [redacted]");
    const db = await getDb();
    const dump = JSON.stringify(await db.select().from(tickets).where(eq(tickets.id, row.id)));
    expect(dump).not.toMatch(/482 ?913|Winter2026/);
  });

  it("each diagnostic field is validated", async () => {
    const browser = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    const base = { category: "error_code", subject: "Error", description: "An error on the code page, see the details." };
    for (const diagnostics of [
      { errorCode: "NOT_A_CODE" },
      { correlationId: "1234" },
      { displaySessionId: "ABCD-EFGH" },
      { occurredAt: "2026-11-22 09:14:00" },
      { occurredAt: "2026-02-30 09:14:00 +01:00" },
      { pageUrl: "javascript:alert(1)" },
    ]) {
      const response = await submit(browser, { ...base, diagnostics });
      expect(response.status, JSON.stringify(diagnostics)).toBe(400);
      expect(appCode(response)).toBe("INPUT_INVALID");
    }
    const ok = await submit(browser, {
      ...base,
      diagnostics: {
        errorCode: "MFA_CODE_EXPIRED",
        correlationId: randomUUID().toUpperCase(),
        displaySessionId: "7kq3-m2xd-9pta",
        occurredAt: "2026-11-22 09:14:05 +01:00",
        pageUrl: "https://example.test/nl/sign-in/verify",
      },
    });
    expect(ok.status).toBe(200);
    const row = await ticketRow((ok.body.result!.data as { reference: string }).reference);
    expect(row).toMatchObject({ errorCode: "MFA_CODE_EXPIRED", displaySessionId: "7KQ3-M2XD-9PTA", occurredAtText: "2026-11-22 09:14:05 +01:00" });
    expect(row.occurredAt!.toISOString()).toBe("2026-11-22T08:14:05.000Z");
  });

  it("from a wizard: the run's answers, the sign-in's events and the diagnosis are attached for the helpdesk", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const failed = new Browser();
    const started = await failed.call("signIn.password", { username: person.username, password: person.password });
    const correlationId = (started.body.result!.data as { correlationId: string }).correlationId;
    await failed.call("signIn.code", { code: "12345" });
    const { token } = await startWizardRun({ wizard: "no-code", prefill: { correlationId, errorCode: "MFA_CODE_MALFORMED" }, locale: "en", personId: null });
    await answerWizardStep({ token, step: "channel", choice: "app", personId: null });
    await answerWizardStep({ token, step: "app", choice: "still_nothing", personId: null });
    const ended = await answerWizardStep({ token, step: "other_way", choice: "not_solved", personId: null });
    expect(ended.step).toBe("ticket");
    const response = await submit(failed, { ...anonymous(person.username), category: "other", wizardRunToken: token });
    const reference = (response.body.result!.data as { reference: string }).reference;
    const row = await ticketRow(reference);
    expect(row).toMatchObject({ category: "no_code", priority: "normal", correlationId, errorCode: "MFA_CODE_MALFORMED", submittedBy: "anonymous" });
    expect(row.wizardAnswers).toEqual([
      { step: "start", answer: "no-code" },
      { step: "channel", answer: "app" },
      { step: "app", answer: "still_nothing" },
      { step: "other_way", answer: "not_solved" },
    ]);
    const db = await getDb();
    const [run] = await db.select().from(wizardRuns).where(eq(wizardRuns.ticketId, row.id));
    expect(run).toMatchObject({ outcome: "ticket" });

    const agent = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true, role: "agent" }));
    const view = await agent.call("tickets.forHelpdesk", { reference }, { method: "GET" });
    const helpdesk = view.body.result!.data as {
      diagnosis: { view: string; matchesRequester: boolean; finding: { finding: string }; steps: Array<{ step: string; clientIp: string }> };
    };
    expect(helpdesk.diagnosis).toMatchObject({ view: "helpdesk", matchesRequester: true, finding: { finding: "code_malformed" } });
    expect(helpdesk.diagnosis.steps.map((s) => s.step)).toEqual(["password", "second_factor"]);
    expect(helpdesk.diagnosis.steps[0]!.clientIp).toBe(failed.ip);
    const asPerson = await (await signedInWithCode(person)).call("tickets.forHelpdesk", { reference }, { method: "GET" });
    expect(asPerson.status).toBe(403);
  });

  it("lost phone tickets are high priority; the requester's view never shows the diagnosis", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const browser = await signedInWithCode(person);
    const response = await submit(browser, { category: "lost_phone", subject: "Phone stolen", description: "My phone was stolen on the train this morning." });
    const reference = (response.body.result!.data as { reference: string }).reference;
    expect(response.body.result!.data).toMatchObject({ myTicketPath: `/tickets/${reference}` });
    expect((await ticketRow(reference)).priority).toBe("high");
    const mine = await browser.call("tickets.get", { reference }, { method: "GET" });
    expect(mine.body.result!.data).toMatchObject({ reference, priority: "high", status: "new" });
    expect(mine.body.result!.data).not.toHaveProperty("diagnosis");
    const stranger = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    expect((await stranger.call("tickets.get", { reference }, { method: "GET" })).status).toBe(404);
  });
});
