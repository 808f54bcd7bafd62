import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { moveClockForTests } from "../core/clock";
import { signedInAgent } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { helpdeskReports } from "./reports";

describe("helpdesk reports", () => {
  it("count tickets by category and status, time the first response, and count failed sign-in steps by code", async () => {
    const before = await helpdeskReports();
    await new Browser().call("signIn.password", { username: `nobody-${randomUUID().slice(0, 6)}`, password: "not a password at all" });
    const filed = await new Browser().call(
      "tickets.submit",
      {
        category: "travelling",
        subject: "Abroad",
        description: "Texts do not arrive while I am abroad.",
        requester: { name: "R", username: `r-${randomUUID().slice(0, 6)}`, contactEmail: "r@example.test" },
      },
      { headers: { "idempotency-key": `k-${randomUUID()}` } },
    );
    const { reference } = filed.body.result!.data as { reference: string };
    moveClockForTests(10 * 60_000);
    const { browser: desk } = await signedInAgent();
    await desk.call("tickets.staffReply", { reference, body: "Use the app: it works without signal." });
    const after = await helpdeskReports();
    const travelling = (r: typeof after) => r.byCategory.find((c) => c.key === "travelling")?.n ?? 0;
    expect(travelling(after)).toBe(travelling(before) + 1);
    expect(after.times.find((t) => t.priority === "normal")!.firstResponseMedian).not.toBeNull();
    expect(after.byStatus.find((s) => s.key === "waiting_on_person")?.n ?? 0).toBeGreaterThan(0);
    expect(after.methods.find((m) => m.key === "totp")?.n ?? 0).toBeGreaterThan(0);
    const wrongPasswords = (r: typeof after) => r.failuresByCode.find((f) => f.key === "SIGN_IN_INVALID_CREDENTIALS")?.n ?? 0;
    expect(wrongPasswords(after)).toBe(wrongPasswords(before) + 1);
  });
});
