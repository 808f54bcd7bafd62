import { describe, expect, it } from "vitest";
import { codeIn, freshHelpdeskMobile, newestText } from "@/test/helpdesk";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { channelOfFailure } from "../diagnosis/failure-channel";
import { factorStepState } from "../verification/sign-in-factor";
import { runChecks } from "./checks";

type Result = { body: { error?: { data: Record<string, unknown> } } };
const appCode = (r: Result) => r.body.error?.data.appCode;

/** A wrong code typed at sign-in, by text (after choosing it) or from the app; returns the refusal's correlation ID. */
async function wrongCode(person: { username: string; password: string }, mobile: string | null) {
  const browser = new Browser();
  await browser.call("signIn.password", { username: person.username, password: person.password });
  let sent = "";
  if (mobile) {
    const sms = (await factorStepState(browser.requestInfo())).options.find((o) => o.channel === "sms")!;
    await browser.call("signIn.chooseMethod", { methodId: sms.methodId, channel: "sms" });
    sent = codeIn(await newestText(mobile));
  }
  const refused = await browser.call("signIn.code", { code: sent === "000000" ? "111111" : "000000" });
  expect(appCode(refused)).toBe("MFA_CODE_INVALID");
  return { browser, correlationId: refused.body.error!.data.correlationId as string };
}

describe("a code refusal is explained for the way it happened on (the sign-in event's channel)", () => {
  it("a wrong text code: the wizard's explanation and the code's page know it was a text; a wrong app code, the app", async () => {
    const mobile = freshHelpdeskMobile();
    const person = await createTestPerson({ policy: "strict", authenticator: true, mobile });
    const byText = await wrongCode(person, mobile);
    const prefill = { errorCode: "MFA_CODE_INVALID", correlationId: byText.correlationId };
    expect(await runChecks(["error_code"], { session: null, cookieHeader: byText.browser.cookieHeader(), prefill })).toEqual([
      { check: "error_code", code: "MFA_CODE_INVALID", channel: "sms" },
    ]);
    expect(await channelOfFailure({ correlationId: byText.correlationId, code: "MFA_CODE_INVALID", personId: null, cookieHeader: byText.browser.cookieHeader() })).toBe("sms");
    // The sign-in's own person, signed in elsewhere, sees it too.
    expect(await channelOfFailure({ correlationId: byText.correlationId, code: "MFA_CODE_INVALID", personId: person.id, cookieHeader: null })).toBe("sms");
    // Another code than the one refused there, or a browser that may not see that sign-in: not known, so the catalog's words.
    expect(await channelOfFailure({ correlationId: byText.correlationId, code: "MFA_CODE_EXPIRED", personId: null, cookieHeader: byText.browser.cookieHeader() })).toBeNull();
    expect(await channelOfFailure({ correlationId: byText.correlationId, code: "MFA_CODE_INVALID", personId: null, cookieHeader: new Browser().cookieHeader() })).toBeNull();

    const byApp = await wrongCode(person, null);
    expect(await channelOfFailure({ correlationId: byApp.correlationId, code: "MFA_CODE_INVALID", personId: null, cookieHeader: byApp.browser.cookieHeader() })).toBe("totp");
  });
});
