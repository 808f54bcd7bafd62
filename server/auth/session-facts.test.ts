import { describe, expect, it } from "vitest";
import { amrLabels, factsOf, signInFacts } from "./session-facts";

describe("session facts", () => {
  it("the password alone is pwd, with the assurance pwd", () => {
    expect(signInFacts([])).toEqual({ amr: ["pwd"], acr: "pwd" });
  });

  it("the password and a second factor add the factor's values and mfa, with the assurance mfa", () => {
    expect(signInFacts(["sms"])).toEqual({ amr: ["pwd", "sms", "mfa"], acr: "mfa" });
    expect(signInFacts(["otp", "swk"])).toEqual({ amr: ["pwd", "otp", "swk", "mfa"], acr: "mfa" });
  });

  it("a later factor joins once, and mfa stays last", () => {
    expect(factsOf(["pwd", "sms", "mfa", "sms", "tel"])).toEqual({ amr: ["pwd", "sms", "tel", "mfa"], acr: "mfa" });
    // Two factors without the password are not what "mfa" means here: that takes the password.
    expect(factsOf(["sms"]).acr).toBe("pwd");
  });

  it("security info names the methods, the app once, and nothing for mfa", () => {
    expect(amrLabels(["pwd", "sms", "mfa"])).toEqual(["password", "sms"]);
    expect(amrLabels(["pwd", "tel", "mfa"])).toEqual(["password", "voice"]);
    expect(amrLabels(["pwd", "otp", "swk", "mfa"])).toEqual(["password", "app"]);
    expect(amrLabels(["pwd", "otp", "mfa"])).toEqual(["password", "oneTimeCode"]);
    // A push approval ("swk" + "mca"), and one followed by a code from the app in a step-up.
    expect(amrLabels(["pwd", "swk", "mca", "mfa"])).toEqual(["password", "appNotification"]);
    expect(amrLabels(["pwd", "swk", "mca", "otp", "mfa"])).toEqual(["password", "appNotification", "app"]);
    expect(amrLabels(["pwd", "hwk", "face", "mfa"])).toEqual(["password", "other"]);
    expect(amrLabels([])).toEqual([]);
  });
});
