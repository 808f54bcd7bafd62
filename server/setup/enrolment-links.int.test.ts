import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, enrolmentLinks } from "@/db/schema";
import { moveClockForTests } from "../core/clock";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { createEnrolmentLink } from "./enrolment-links";

async function newLink() {
  const person = await createTestPerson({ password: null, role: "admin" });
  const db = await getDb();
  const link = await createEnrolmentLink(db, { personId: person.id, locale: "en", actorKind: "setup" });
  return { person, link, token: new URL(link.url).hash.slice(1) };
}

describe("enrolment links", () => {
  it("carry the token in the fragment, store only its hash, and greet the person", async () => {
    const { person, link, token } = await newLink();
    expect(link.url).toMatch(/^http:\/\/localhost:\d+\/en\/enrol#[A-Za-z0-9_-]{43}$/);
    const db = await getDb();
    const rows = await db.select().from(enrolmentLinks).where(eq(enrolmentLinks.personId, person.id));
    expect(JSON.stringify(rows)).not.toContain(token);
    const inspected = await new Browser().call("enrolment.inspect", { token });
    expect(inspected.body.result!.data).toMatchObject({ username: person.username, displayName: person.displayName });
  });

  it("set a first password once; the person can then sign in with it", async () => {
    const { person, token } = await newLink();
    const browser = new Browser();
    const password = "lamp river orange bicycle";
    const weak = await browser.call("enrolment.setPassword", { token, password: "password123", confirmPassword: "password123" });
    expect(weak.status).toBe(400);
    expect(weak.body.error!.data.appCode).toBe("PASSWORD_REJECTED");
    expect(weak.body.error!.data.params).toMatchObject({ reason: "too_short" });
    const differ = await browser.call("enrolment.setPassword", { token, password, confirmPassword: `${password}!` });
    expect(differ.body.error!.data.appCode).toBe("INPUT_INVALID");

    const ok = await browser.call("enrolment.setPassword", { token, password, confirmPassword: password });
    expect(ok.status).toBe(200);
    expect(ok.body.result!.data).toEqual({ username: person.username });
    const again = await browser.call("enrolment.setPassword", { token, password, confirmPassword: password });
    expect(again.body.error!.data.appCode).toBe("ENROLMENT_LINK_INVALID");

    const signIn = await new Browser().call("signIn.password", { username: person.username, password });
    expect(signIn.status).toBe(200);
    const db = await getDb();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, person.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["enrolment.link_created", "enrolment.password_set"]);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it("expire after one hour; unknown, used and expired links look alike", async () => {
    const { token } = await newLink();
    moveClockForTests(60 * 60_000 + 1000);
    const expired = await new Browser().call("enrolment.inspect", { token });
    const unknown = await new Browser().call("enrolment.inspect", { token: "B".repeat(43) });
    expect(expired.body.error!.data.appCode).toBe("ENROLMENT_LINK_INVALID");
    expect(expired.body.error!.message).toBe(unknown.body.error!.message);
    expect(expired.status).toBe(unknown.status);
  });

  it("two concurrent redemptions of one link: exactly one succeeds", async () => {
    const { token } = await newLink();
    const password = "lamp river orange bicycle";
    const results = await Promise.all(Array.from({ length: 5 }, () => new Browser().call("enrolment.setPassword", { token, password, confirmPassword: password })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });
});
