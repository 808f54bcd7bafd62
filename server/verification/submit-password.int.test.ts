import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { signInAttempts, signInEvents } from "@/db/schema";
import { moveClockForTests } from "../core/clock";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";

function normalise(body: unknown) {
  return JSON.parse(
    JSON.stringify(body)
      .replace(/"correlationId":"[^"]+"/g, '"correlationId":"<cid>"')
      .replace(/"at":"[^"]+"/g, '"at":"<at>"')
      .replace(/"displaySessionId":"[^"]+"/g, '"displaySessionId":"<dsid>"'),
  );
}

describe("password step", () => {
  it("a correct password completes the attempt and binds it to this browser", async () => {
    const person = await createTestPerson();
    const browser = new Browser();
    const { status, body } = await browser.call("signIn.password", { username: person.username.toUpperCase(), password: person.password });
    expect(status).toBe(200);
    const data = body.result!.data as { status: string; attemptId: string; correlationId: string; completionToken: string };
    expect(data.status).toBe("completed");
    expect(data.completionToken.length).toBeGreaterThanOrEqual(43);
    expect([...browser.cookies.keys()]).toContain("tweestap.attempt");

    const db = await getDb();
    const [attempt] = await db.select().from(signInAttempts).where(eq(signInAttempts.id, data.attemptId));
    expect(attempt!.state).toBe("completed");
    expect(attempt!.completionTokenHash).not.toContain(data.completionToken);
    const events = await db.select().from(signInEvents).where(eq(signInEvents.correlationId, data.correlationId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ step: "password", result: "success", personId: person.id, clientIp: browser.ip });
  });

  it("unknown username, wrong password and a disabled account give identical responses", async () => {
    const person = await createTestPerson();
    const disabled = await createTestPerson({ disabled: true });
    const unknown = await new Browser().call("signIn.password", { username: "nobody-here", password: "whatever it is" });
    const wrong = await new Browser().call("signIn.password", { username: person.username, password: "whatever it is" });
    const off = await new Browser().call("signIn.password", { username: disabled.username, password: disabled.password });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(off.status).toBe(401);
    expect(normalise(unknown.body)).toEqual(normalise(wrong.body));
    expect(normalise(off.body)).toEqual(normalise(wrong.body));
    expect(wrong.body.error!.data.appCode).toBe("SIGN_IN_INVALID_CREDENTIALS");
  });

  it("the 11th failed try from one address within a minute gets 429 with Retry-After", async () => {
    const browser = new Browser();
    for (let i = 0; i < 10; i++) {
      const r = await browser.call("signIn.password", { username: `someone-${i}`, password: "wrong password" });
      expect(r.status).toBe(401);
    }
    const limited = await browser.call("signIn.password", { username: "someone-else", password: "wrong password" });
    expect(limited.status).toBe(429);
    expect(limited.body.error!.data.appCode).toBe("RATE_LIMITED");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.error!.message).toContain(String(retryAfter));

    // Another address is not affected; after the minute this one may try again.
    expect((await new Browser().call("signIn.password", { username: "someone", password: "wrong password" })).status).toBe(401);
    moveClockForTests(61_000);
    expect((await browser.call("signIn.password", { username: "someone", password: "wrong password" })).status).toBe(401);
  });

  it("repeated failures for one account from one address are delayed, and a correct password clears the delay", async () => {
    const person = await createTestPerson();
    const browser = new Browser();
    for (let i = 0; i < 5; i++) {
      expect((await browser.call("signIn.password", { username: person.username, password: "wrong" })).status).toBe(401);
    }
    const delayed = await browser.call("signIn.password", { username: person.username, password: person.password });
    expect(delayed.status).toBe(429);
    expect(delayed.headers.get("retry-after")).toBe("1");
    moveClockForTests(1_000);
    expect((await browser.call("signIn.password", { username: person.username, password: person.password })).status).toBe(200);
    expect((await browser.call("signIn.password", { username: person.username, password: "wrong" })).status).toBe(401);
  });

  it("throttled tries are logged as their own event and do not count as failures", async () => {
    const browser = new Browser();
    for (let i = 0; i < 10; i++) await browser.call("signIn.password", { username: `x-${i}`, password: "wrong" });
    const limited = await browser.call("signIn.password", { username: "x-y", password: "wrong" });
    const db = await getDb();
    const events = await db
      .select()
      .from(signInEvents)
      .where(eq(signInEvents.correlationId, limited.body.error!.data.correlationId as string));
    expect(events).toEqual([expect.objectContaining({ step: "rate_limit", result: "throttled", code: "RATE_LIMITED" })]);
  });

  it("bad input gets INPUT_INVALID with the field, never a 500", async () => {
    const browser = new Browser();
    const empty = await browser.call("signIn.password", { username: "", password: "" });
    expect(empty.status).toBe(400);
    expect(empty.body.error!.data.appCode).toBe("INPUT_INVALID");
    expect(empty.body.error!.data.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: "username" })]));
    const extra = await browser.call("signIn.password", { username: "a", password: "b", role: "admin" });
    expect(extra.status).toBe(400);
    const garbage = await browser.call("signIn.password", "not an object");
    expect(garbage.status).toBe(400);
  });

  it("no password appears in any event or attempt", async () => {
    const canary = "canary-password-5f1c2e";
    const person = await createTestPerson({ password: canary });
    await new Browser().call("signIn.password", { username: person.username, password: canary });
    await new Browser().call("signIn.password", { username: person.username, password: `${canary}-wrong` });
    const db = await getDb();
    const dump = JSON.stringify([await db.select().from(signInEvents), await db.select().from(signInAttempts)]);
    expect(dump).not.toContain(canary);
  });
});
