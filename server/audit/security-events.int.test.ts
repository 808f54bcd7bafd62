import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { queuedEmails } from "@/test/delivery";
import { codeIn, newestText, personWithTicket, signedInAgent, verifiedCaller } from "@/test/helpdesk";
import { recordAudit } from "./record-audit";

afterEach(() => vi.restoreAllMocks());

/** Every console line while the test runs (the process log). */
function captureLog(): string[] {
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  }
  return lines;
}

function securityEvents(lines: string[]): Array<Record<string, unknown>> {
  return lines
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.event === "security_event");
}

describe("security events in the process log", () => {
  it("a pass issued by the helpdesk writes one structured line with the IDs, never the pass, the code or an address", async () => {
    const lines = captureLog();
    const { person, mobile, reference } = await personWithTicket();
    const { browser: desk, person: agent } = await signedInAgent();
    const verificationId = await verifiedCaller(desk, reference, mobile);
    const code = codeIn(await newestText(mobile));
    const done = await desk.call("helpdesk.reset", { reference, action: "issue_access_pass", verificationId });
    expect(done.status).toBe(200);
    const [mail] = await queuedEmails({ personId: person.id, template: "access_pass_issued" });
    const pass = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(mail!.body)![1]!;

    const events = securityEvents(lines);
    const issued = events.filter((e) => e.action === "helpdesk.access_pass_issued");
    expect(issued).toEqual([expect.objectContaining({ level: "info", outcome: "success", actorKind: "staff", actorPersonId: agent.id, targetPersonId: person.id })]);
    expect(events.map((e) => e.action)).toContain("helpdesk.caller_verified");
    const text = lines.join("\n");
    expect(text).not.toContain(pass);
    expect(text).not.toContain(pass.replace(/-/g, ""));
    expect(text).not.toContain(code);
    expect(text).not.toContain(mobile);
    expect(text).not.toContain(`${person.username}@`);
  });

  it("carries the audit row's facts but never its reason or detail; other actions write no line", async () => {
    const lines = captureLog();
    const db = await getDb();
    const { person } = await personWithTicket();
    await recordAudit(db, {
      action: "admin.role_changed",
      actorKind: "staff",
      actorPersonId: person.id,
      targetPersonId: person.id,
      correlationId: "0b6f0a3e-2d7a-4a51-9d53-7f0e6f7c1a11",
      clientIp: "10.9.8.7",
      reason: "canary-reason-text",
      detail: { email: "canary@example.test", to: "agent" },
    });
    await recordAudit(db, { action: "ticket.noted", actorKind: "staff", actorPersonId: person.id, reason: "canary-note" });
    const events = securityEvents(lines);
    expect(events).toEqual([
      {
        time: expect.any(String),
        level: "info",
        event: "security_event",
        action: "admin.role_changed",
        outcome: "success",
        actorKind: "staff",
        actorPersonId: person.id,
        targetPersonId: person.id,
        ticketId: null,
        correlationId: "0b6f0a3e-2d7a-4a51-9d53-7f0e6f7c1a11",
      },
    ]);
    expect(lines.join("\n")).not.toMatch(/canary|10\.9\.8\.7/);
  });
});
