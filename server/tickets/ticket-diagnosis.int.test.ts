/**
 * Issue 10, item 13: a ticket's attached diagnosis cannot be borrowed. The display session ID is
 * issued by the server only (signed cookie), and a sign-in is attached to a ticket only when the
 * browser that files it made that sign-in, or it is the signed-in requester's own.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { signInAttempts, tickets } from "@/db/schema";
import { cookieName } from "../http/cookies";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { parseTicketReference } from "./tickets.schemas";

async function ticketRow(reference: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tickets)
    .where(eq(tickets.number, parseTicketReference(reference)!));
  return row!;
}

async function file(browser: Browser, input: Record<string, unknown>) {
  const response = await browser.call("tickets.submit", input, { headers: { "idempotency-key": `k-${randomUUID()}` } });
  expect(response.status).toBe(200);
  return ticketRow((response.body.result!.data as { reference: string }).reference);
}

const anonymous = (username: string, diagnostics?: Record<string, unknown>) => ({
  category: "no_code",
  subject: "No code arrives",
  description: "I asked for a text three times and nothing arrived on my phone.",
  requester: { name: "Test Person", username, contactEmail: `c-${randomUUID().slice(0, 8)}@example.test` },
  ...(diagnostics ? { diagnostics } : {}),
});

/** The victim's failed sign-in in her own browser: its correlation ID and display session ID. */
async function failedSignIn() {
  const person = await createTestPerson({ policy: "strict", authenticator: true });
  const browser = new Browser();
  const started = await browser.call("signIn.password", { username: person.username, password: person.password });
  const correlationId = (started.body.result!.data as { correlationId: string }).correlationId;
  await browser.call("signIn.code", { code: "12345" });
  const db = await getDb();
  const [attempt] = await db.select().from(signInAttempts).where(eq(signInAttempts.correlationId, correlationId));
  return { person, browser, correlationId, displaySessionId: attempt!.displaySessionId };
}

describe("the display session ID", () => {
  it("a forged dsid cookie is not believed: the server issues its own and the sign-in is recorded under that", async () => {
    const forger = new Browser();
    forger.cookies.set(cookieName("dsid"), "7KQ3-M2XD-9PTA");
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const started = await forger.call("signIn.password", { username: person.username, password: person.password });
    const { correlationId, displaySessionId } = started.body.result!.data as { correlationId: string; displaySessionId: string };
    expect(displaySessionId).not.toBe("7KQ3-M2XD-9PTA");
    expect(started.headers.getSetCookie().some((c) => c.startsWith(`${cookieName("dsid")}=`))).toBe(true);
    const db = await getDb();
    const [attempt] = await db.select().from(signInAttempts).where(eq(signInAttempts.correlationId, correlationId));
    expect(attempt!.displaySessionId).toBe(displaySessionId);
    // The issued cookie is kept: the next request has the same ID and gets no new cookie.
    const again = await forger.call("signIn.password", { username: person.username, password: "wrong" });
    expect(again.body.error!.data.displaySessionId).toBe(displaySessionId);
    expect(again.headers.getSetCookie().some((c) => c.startsWith(`${cookieName("dsid")}=`))).toBe(false);
  });
});

describe("attaching a sign-in to a ticket", () => {
  it("another browser quoting the victim's correlation ID or display session ID gets nothing attached, even with her username", async () => {
    const victim = await failedSignIn();
    const attacker = new Browser();
    // Even her display session ID as the cookie (it is shown on every error page) is not hers.
    attacker.cookies.set(cookieName("dsid"), victim.displaySessionId);

    const byCorrelation = await file(attacker, anonymous(victim.person.username, { correlationId: victim.correlationId, displaySessionId: victim.displaySessionId }));
    expect(byCorrelation.diagnosis).toBeNull();
    expect(byCorrelation.correlationId).toBe(victim.correlationId); // kept as typed, for the helpdesk to see
    const bySession = await file(attacker, anonymous(victim.person.username, { displaySessionId: victim.displaySessionId }));
    expect(bySession.diagnosis).toBeNull();
    expect(bySession.correlationId).toBeNull();

    // Signed in as someone else: still not attached.
    const other = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true }));
    const signedIn = await file(other, { category: "no_code", subject: "No code", description: "Nothing arrives.", diagnostics: { correlationId: victim.correlationId } });
    expect(signedIn.diagnosis).toBeNull();
  });

  it("the browser that made the sign-in, and the person signed in later, do get it attached", async () => {
    const victim = await failedSignIn();
    const fromThatBrowser = await file(victim.browser, anonymous(victim.person.username, { correlationId: victim.correlationId }));
    expect(fromThatBrowser.diagnosis).toMatchObject({ correlationId: victim.correlationId, matchesRequester: true });
    // No correlation ID given: the attempt this browser holds.
    const implicit = await file(victim.browser, anonymous(victim.person.username));
    expect(implicit).toMatchObject({ correlationId: victim.correlationId });
    expect(implicit.diagnosis).not.toBeNull();

    const later = await signedInWithCode(victim.person);
    const own = await file(later, { category: "no_code", subject: "No code", description: "Earlier nothing arrived.", diagnostics: { correlationId: victim.correlationId } });
    expect(own.diagnosis).toMatchObject({ correlationId: victim.correlationId, matchesRequester: true });
  });
});
