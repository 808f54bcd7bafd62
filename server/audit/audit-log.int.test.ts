import { describe, expect, it } from "vitest";
import { GET as exportAudit } from "@/app/api/admin/audit/route";
import { personWithTicket, signedInAgent } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { listAuditEvents } from "./audit-log";

async function csvAs(browser: Browser, query: string) {
  return exportAudit(new Request(`http://localhost/api/admin/audit?${query}`, { headers: browser.headers() }));
}

describe("the audit viewer and its CSV export", () => {
  it("filters by person, ticket and outcome, a page at a time", async () => {
    const { person, reference } = await personWithTicket();
    const { browser: desk, person: agent } = await signedInAgent();
    // Two refused resets (no verification) leave two failure rows about this person.
    await desk.call("helpdesk.reset", { reference, action: "unlock" });
    await desk.call("helpdesk.reset", { reference, action: "sign_out_everywhere" });
    const all = await listAuditEvents({ person: person.username, outcome: "failure" });
    expect(all.rows.map((r) => r.action)).toEqual(["helpdesk.signed_out_everywhere", "helpdesk.unlocked"]);
    expect(all.rows[0]).toMatchObject({ actor: agent.username, ticket: reference, reason: "verification_missing" });
    const first = await listAuditEvents({ person: person.username, outcome: "failure" }, undefined, 1);
    expect(first.nextBefore).not.toBeNull();
    const second = await listAuditEvents({ person: person.username, outcome: "failure" }, first.nextBefore!, 1);
    expect(second.rows.map((r) => r.action)).toEqual(["helpdesk.unlocked"]);
  });

  it("CSV: administrators only, and no cell starts with =, +, - or @", async () => {
    const { person, reference } = await personWithTicket({ phone: false });
    const { browser: desk } = await signedInAgent();
    for (const reason of ['=HYPERLINK("http://evil.example","click")', "+SUM(1,2) is what they said", "-1 checked in person", "@admin told me so"]) {
      expect((await desk.call("helpdesk.requestApproval", { reference, action: "unlock", identityCheck: "in_person_id", reason })).status).toBe(200);
    }
    expect((await csvAs(desk, `person=${person.username}`)).status).toBe(403);
    expect((await csvAs(new Browser(), "")).status).toBe(401);

    const admin = await signedInWithCode(await createTestPerson({ policy: "strict", authenticator: true, role: "admin" }));
    const response = await csvAs(admin, `person=${person.username}&action=helpdesk.approval_requested`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const text = await response.text();
    const cells = text
      .trim()
      .split("\r\n")
      .slice(1)
      .flatMap((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"')));
    expect(cells.length).toBeGreaterThan(4 * 10);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    // The export itself is on the record.
    const exported = await listAuditEvents({ action: "audit.exported" });
    expect(exported.rows.length).toBeGreaterThan(0);
  });
});
