import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, outboxMessages } from "@/db/schema";
import { completeSignIn } from "../verification/complete-sign-in";
import { factorStepState } from "../verification/sign-in-factor";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";

describe("default method", () => {
  it("the chosen default is offered first at the next sign-in; the change is audited and notified", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: "+31687654321" });
    const browser = new Browser();
    await browser.call("signIn.password", { username: person.username, password: person.password });
    const done = await browser.call("signIn.code", { code: await person.code() });
    const step = done.body.result!.data as { attemptId: string; completionToken: string };
    const session = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo());
    await browser.adoptSession(session!.sessionId, session!.personId);

    const next = new Browser();
    await next.call("signIn.password", { username: person.username, password: person.password });
    const before = (await factorStepState(next.requestInfo())).options;
    expect(before.map((o) => o.channel)).toEqual(["totp", "sms", "voice"]);
    const voice = before.find((o) => o.channel === "voice")!;
    expect((await browser.call("methods.setDefault", { methodId: voice.methodId, channel: "voice" })).status).toBe(200);

    const later = new Browser();
    await later.call("signIn.password", { username: person.username, password: person.password });
    const state = await factorStepState(later.requestInfo());
    expect(state.options.map((o) => o.channel)).toEqual(["voice", "totp", "sms"]);
    expect(state.selected?.channel).toBe("voice");

    const db = await getDb();
    expect((await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id))).map((a) => a.action)).toContain("method.default_changed");
    expect((await db.select().from(outboxMessages).where(eq(outboxMessages.personId, person.id))).map((m) => m.template)).toContain("default_changed");
    // Not one of the person's options: refused.
    expect((await browser.call("methods.setDefault", { methodId: voice.methodId, channel: "totp" })).body.error!.data.appCode).toBe("NOT_FOUND");
  });
});
