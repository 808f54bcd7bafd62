import { describe, expect, it } from "vitest";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { factorStepState, registrationStepState } from "./sign-in-factor";

describe("staff sign in with an authenticator, never by text or call", () => {
  it("an agent with a mobile phone is offered only the app; asking for a text is refused", async () => {
    const agent = await createTestPerson({ policy: "strict", authenticator: true, mobile: "+31611177701", role: "agent" });
    const browser = new Browser();
    await browser.call("signIn.password", { username: agent.username, password: agent.password });
    const state = await factorStepState(browser.requestInfo());
    expect(state.options.map((o) => o.channel)).toEqual(["totp"]);
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile: "+31611177702" });
    const other = new Browser();
    await other.call("signIn.password", { username: person.username, password: person.password });
    const sms = (await factorStepState(other.requestInfo())).options.find((o) => o.channel === "sms")!;
    // The same request for the agent (with another person's method, or any) finds nothing.
    const refused = await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    expect(refused.body.error!.data.appCode).toBe("NOT_FOUND");
  });

  it("an administrator without a method registers the app: a phone as first method is refused", async () => {
    const admin = await createTestPerson({ policy: "strict", role: "admin" });
    const browser = new Browser();
    await browser.call("signIn.password", { username: admin.username, password: admin.password });
    expect(await registrationStepState(browser.requestInfo())).toMatchObject({ phoneAllowed: false });
    const phone = await browser.call("signIn.beginPhoneRegistration", { number: "+31611177703" });
    expect(phone.status).toBe(403);
    expect(phone.body.error!.data.appCode).toBe("STAFF_AUTHENTICATOR_REQUIRED");
    const person = await createTestPerson({ policy: "strict" });
    const own = new Browser();
    await own.call("signIn.password", { username: person.username, password: person.password });
    expect(await registrationStepState(own.requestInfo())).toMatchObject({ phoneAllowed: true });
  });
});
