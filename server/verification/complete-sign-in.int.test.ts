import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions, signInEvents } from "@/db/schema";
import { authOptions } from "../auth/options";
import { moveClockForTests } from "../core/clock";
import { cookieName } from "../http/cookies";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { completeSignIn } from "./complete-sign-in";

async function passwordStep(browser: Browser) {
  const person = await createTestPerson();
  const { body } = await browser.call("signIn.password", { username: person.username, password: person.password });
  return { person, step: body.result!.data as { attemptId: string; completionToken: string; correlationId: string } };
}

describe("completion token", () => {
  it("works once, and creates a session carrying the attempt's display session ID", async () => {
    const browser = new Browser();
    const { person, step } = await passwordStep(browser);
    const first = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo());
    expect(first?.personId).toBe(person.id);
    const again = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo());
    expect(again).toBeNull();

    const db = await getDb();
    const [session] = await db.select().from(sessions).where(eq(sessions.id, first!.sessionId));
    expect(session!.displayId).toBe(browser.requestInfo().displaySessionId);
    const events = await db.select().from(signInEvents).where(eq(signInEvents.correlationId, step.correlationId)).orderBy(signInEvents.id);
    expect(events.map((e) => `${e.step}:${e.result}`)).toEqual(["password:success", "session:success", "completion:failure"]);
  });

  it("works only with its attempt cookie", async () => {
    const browser = new Browser();
    const { step } = await passwordStep(browser);
    const stranger = new Browser();
    expect(await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, stranger.requestInfo())).toBeNull();
    const forged = new Browser(browser.ip);
    forged.cookies.set("tweestap.attempt", "forged-value-forged-value-forged-value-12345");
    expect(await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, forged.requestInfo())).toBeNull();
    // The rightful browser can still use it: failed tries did not consume it.
    expect(await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo())).not.toBeNull();
  });

  it("clears the attempt cookie once the session exists, and only then", async () => {
    const browser = new Browser();
    const { step } = await passwordStep(browser);
    expect(browser.cookies.has(cookieName("attempt"))).toBe(true);
    const refused: string[] = [];
    await completeSignIn({ attemptId: step.attemptId, completionToken: "A".repeat(43) }, browser.requestInfo(), (c) => refused.push(c));
    expect(refused).toEqual([]);
    expect(await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo(), browser.setCookieFn())).not.toBeNull();
    expect(browser.cookies.has(cookieName("attempt"))).toBe(false);
  });

  it("next-auth's authorize() hands the cleared attempt cookie and the known-device cookie to the route's answer", async () => {
    const browser = new Browser();
    const { step } = await passwordStep(browser);
    const cookies: string[] = [];
    const provider = authOptions((c) => cookies.push(c)).providers[0] as unknown as {
      options: { authorize: (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
    };
    const user = await provider.options.authorize({ attemptId: step.attemptId, completionToken: step.completionToken }, { headers: Object.fromEntries(browser.headers()) });
    expect(user).toMatchObject({ sid: expect.any(String) });
    expect(cookies).toEqual([
      expect.stringMatching(new RegExp(`^${cookieName("attempt")}=;.*Max-Age=0`)),
      expect.stringMatching(new RegExp(`^${cookieName("device")}=d1\\..*HttpOnly.*Max-Age=34560000`)),
    ]);
  });

  it("works only within 60 seconds", async () => {
    const browser = new Browser();
    const { step } = await passwordStep(browser);
    moveClockForTests(61_000);
    expect(await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo())).toBeNull();
  });

  it("a wrong token or a malformed input does nothing", async () => {
    const browser = new Browser();
    const { step } = await passwordStep(browser);
    expect(await completeSignIn({ attemptId: step.attemptId, completionToken: "A".repeat(43) }, browser.requestInfo())).toBeNull();
    expect(await completeSignIn({ attemptId: "not-a-uuid", completionToken: step.completionToken }, browser.requestInfo())).toBeNull();
    expect(await completeSignIn(null, browser.requestInfo())).toBeNull();
    expect(await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo())).not.toBeNull();
  });

  it("20 concurrent uses of one token give exactly one session", async () => {
    const browser = new Browser();
    const { person, step } = await passwordStep(browser);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo())),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const db = await getDb();
    expect(await db.select().from(sessions).where(eq(sessions.personId, person.id))).toHaveLength(1);
  });
});
