import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, sessions } from "@/db/schema";
import { handleSignOut } from "@/app/api/session/sign-out-handler";
import { moveClockForTests } from "../core/clock";
import { cookieName } from "../http/cookies";
import { completeSignIn } from "../verification/complete-sign-in";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import type { Role } from "@/db/schema";

/** Signs a person in through the real password step and completion, giving the browser its cookie. */
async function signedIn(browser = new Browser(), person?: Awaited<ReturnType<typeof createTestPerson>>, role: Role = "person") {
  person ??= await createTestPerson({ role });
  const { body } = await browser.call("signIn.password", { username: person.username, password: person.password });
  const step = body.result!.data as { attemptId: string; completionToken: string };
  const done = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo());
  await browser.adoptSession(done!.sessionId, done!.personId);
  return { browser, person, sessionId: done!.sessionId };
}

describe("sessions", () => {
  it("a signed-in browser reaches person procedures; a signed-out one gets 401 SESSION_REQUIRED", async () => {
    const { browser, person } = await signedIn();
    const me = await browser.call("session.me", undefined, { method: "GET" });
    expect(me.status).toBe(200);
    expect(me.body.result!.data).toMatchObject({ username: person.username, role: "person" });
    const anonymous = await new Browser().call("session.me", undefined, { method: "GET" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error!.data.appCode).toBe("SESSION_REQUIRED");
  });

  it("a forged or tampered session cookie is refused", async () => {
    const { browser } = await signedIn();
    const cookie = browser.cookies.get("tweestap.session")!;
    const tampered = new Browser();
    tampered.cookies.set("tweestap.session", `${cookie.slice(0, -4)}AAAA`);
    expect((await tampered.call("session.me", undefined, { method: "GET" })).status).toBe(401);
  });

  it("signing out everywhere ends every session of the person, with one audit row", async () => {
    const first = await signedIn();
    const second = await signedIn(new Browser(), first.person);
    const other = await signedIn();
    const result = await first.browser.call("session.signOutEverywhere", {});
    expect(result.body.result!.data).toEqual({ ended: 2 });
    expect((await first.browser.call("session.me", undefined, { method: "GET" })).status).toBe(401);
    expect((await second.browser.call("session.me", undefined, { method: "GET" })).status).toBe(401);
    expect((await other.browser.call("session.me", undefined, { method: "GET" })).status).toBe(200);

    const db = await getDb();
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.targetPersonId, first.person.id));
    expect(rows).toEqual([expect.objectContaining({ action: "session.signed_out_everywhere", actorPersonId: first.person.id })]);
  });

  it("signing out clears the session cookie and a left-over sign-in attempt cookie", async () => {
    const { browser, person } = await signedIn();
    // A second sign-in started in this browser and left at the code step.
    await browser.call("signIn.password", { username: person.username, password: person.password });
    expect(browser.cookies.has(cookieName("attempt"))).toBe(true);
    for (const scope of ["this", "everywhere"] as const) {
      const response = await handleSignOut(
        new Request("http://localhost/api/session/sign-out", {
          method: "POST",
          headers: browser.headers({ "content-type": "application/x-www-form-urlencoded" }),
          body: "locale=en",
        }),
        scope,
      );
      expect(response.status).toBe(303);
      const cleared = response.headers.getSetCookie();
      expect(cleared).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${cookieName("attempt")}=;.*Max-Age=0`))]));
      browser.takeCookies(cleared);
    }
    expect(browser.cookies.has(cookieName("attempt"))).toBe(false);
    expect(browser.cookies.has(cookieName("session"))).toBe(false);
  });

  it("idle for 30 minutes signs a person out; activity keeps the session alive", async () => {
    const { browser, sessionId } = await signedIn();
    moveClockForTests(29 * 60_000);
    expect((await browser.call("session.me", undefined, { method: "GET" })).status).toBe(200);
    moveClockForTests(29 * 60_000);
    expect((await browser.call("session.me", undefined, { method: "GET" })).status).toBe(200);
    moveClockForTests(30 * 60_000 + 1000);
    expect((await browser.call("session.me", undefined, { method: "GET" })).status).toBe(401);
    const db = await getDb();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row!.revokeReason).toBe("idle_timeout");
  });

  it("staff sessions end after 15 idle minutes", async () => {
    const { browser } = await signedIn(new Browser(), undefined, "agent");
    moveClockForTests(14 * 60_000);
    expect((await browser.call("session.me", undefined, { method: "GET" })).status).toBe(200);
    moveClockForTests(15 * 60_000 + 1000);
    expect((await browser.call("session.me", undefined, { method: "GET" })).status).toBe(401);
  });

  it("no session lasts longer than 12 hours, however active", async () => {
    const { browser } = await signedIn();
    for (let i = 0; i < 24; i++) {
      moveClockForTests(29 * 60_000);
      expect((await browser.call("session.me", undefined, { method: "GET" })).status).toBe(200);
    }
    moveClockForTests(29 * 60_000);
    expect((await browser.call("session.me", undefined, { method: "GET" })).status).toBe(401);
  });

  it("lists the person's active sessions by display ID, marking this one", async () => {
    const first = await signedIn();
    await signedIn(new Browser(), first.person);
    const list = await first.browser.call("session.list", undefined, { method: "GET" });
    const items = list.body.result!.data as Array<{ displayId: string; current: boolean }>;
    expect(items).toHaveLength(2);
    expect(items.filter((i) => i.current)).toHaveLength(1);
    expect(JSON.stringify(items)).not.toContain(first.sessionId);
  });
});
