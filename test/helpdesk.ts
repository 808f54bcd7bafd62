import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "../db/client";
import { simulatedInbox } from "../db/schema";
import type { Browser } from "./http";
import { createTestPerson, type TestPerson } from "./people";
import { signedInWithCode } from "./sign-in";

let counter = 0;
/** A fresh Dutch mobile number per call (per-number send caps must not carry over). */
export function freshHelpdeskMobile(): string {
  return `+316${String(Number(process.env.VITEST_POOL_ID ?? 1) + 80).padStart(2, "0")}${String(++counter).padStart(6, "0")}`;
}

/** A fresh Dutch fixed line per call (+31 20 …: an office phone, calls only). */
export function freshHelpdeskOffice(): string {
  return `+3120${String(Number(process.env.VITEST_POOL_ID ?? 1) + 80).padStart(2, "0")}${String(++counter).padStart(5, "0")}`;
}

/**
 * A person with the app and a mobile, signed in, who filed a ticket (so the ticket is about them).
 * `phone: false`: the app only, so the helpdesk has nowhere to send a code (the identity-check path).
 * `office`: an office phone (calls only) instead of the mobile.
 */
export async function personWithTicket(options: { role?: "person" | "agent"; phone?: boolean; office?: string } = {}) {
  const mobile = freshHelpdeskMobile();
  const person = await createTestPerson({
    policy: "strict",
    authenticator: true,
    mobile: options.phone === false || options.office ? undefined : mobile,
    office: options.office,
    role: options.role,
  });
  const browser = await signedInWithCode(person);
  const reference = await fileTicket(browser);
  return { person, mobile, browser, reference };
}

export async function fileTicket(browser: Browser): Promise<string> {
  const filed = await browser.call(
    "tickets.submit",
    { category: "lost_phone", subject: "Lost phone", description: "My phone is gone, please help me." },
    { headers: { "idempotency-key": `k-${randomUUID()}` } },
  );
  return (filed.body.result!.data as { reference: string }).reference;
}

/** A helpdesk agent, signed in with a fresh second factor. */
export async function signedInAgent(): Promise<{ browser: Browser; person: TestPerson }> {
  const person = await createTestPerson({ policy: "strict", authenticator: true, role: "agent" });
  return { browser: await signedInWithCode(person), person };
}

export async function newestText(mobile: string): Promise<string> {
  const db = await getDb();
  const [text] = await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, mobile)).orderBy(sql`${simulatedInbox.id} desc`).limit(1);
  return text!.body;
}

/** The six digits of a text, not the ticket reference's. */
export function codeIn(text: string): string {
  return /(?<!TS-)\b(\d{6})\b/.exec(text)![1]!;
}

/** The agent sends a verification code; the caller reads it back; returns the verification's ID. */
export async function verifiedCaller(agent: Browser, reference: string, mobile: string): Promise<string> {
  const overview = await agent.call("helpdesk.person", { reference }, { method: "GET" });
  const [target] = (overview.body.result!.data as { verificationTargets: Array<{ methodId: string }> }).verificationTargets;
  const started = await agent.call("helpdesk.startVerification", { reference, methodId: target!.methodId });
  const { verificationId } = started.body.result!.data as { verificationId: string };
  const confirmed = await agent.call("helpdesk.confirmVerification", { verificationId, code: codeIn(await newestText(mobile)) });
  expect(confirmed.status).toBe(200);
  return verificationId;
}

/** What the approver is shown beside the reason: the approval with its facts and their digest. */
export async function approvalFactsFor(agent: Browser, approvalId: string): Promise<{ factsDigest: string; facts: Record<string, unknown> }> {
  const response = await agent.call("helpdesk.approval", { approvalId }, { method: "GET" });
  expect(response.status).toBe(200);
  return response.body.result!.data as { factsDigest: string; facts: Record<string, unknown> };
}

/** The second agent approves, having been shown the facts (the call carries their digest). */
export async function approveWithFacts(agent: Browser, approvalId: string) {
  const { factsDigest } = await approvalFactsFor(agent, approvalId);
  return agent.call("helpdesk.approve", { approvalId, factsDigest });
}
