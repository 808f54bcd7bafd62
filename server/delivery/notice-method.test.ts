import { describe, expect, it } from "vitest";
import { methodInSentence, methodsInSentence } from "./enqueue";

describe("a notice names the method in the recipient's language", () => {
  it("a phone by its kind and masked number, in nl and en", () => {
    const phone = { labelKey: "mobile", detail: "+31 •• ••• ••51", nickname: null };
    expect(methodInSentence("nl", phone)).toBe("mobiele telefoon +31 •• ••• ••51");
    expect(methodInSentence("en", phone)).toBe("mobile phone +31 •• ••• ••51");
  });

  it("an app has no detail; a person's own name follows, quoted as each language quotes", () => {
    expect(methodInSentence("en", { labelKey: "totp", detail: null, nickname: null })).toBe("authenticator app");
    expect(methodInSentence("nl", { labelKey: "office", detail: "+31 •• ••• ••67 (421)", nickname: "bureau" })).toBe("kantoortelefoon +31 •• ••• ••67 (421) (‘bureau’)");
    expect(methodInSentence("en", { labelKey: "alternate", detail: "+31 •• ••• ••21", nickname: "home" })).toBe("alternate phone +31 •• ••• ••21 (“home”)");
  });

  it("a name stored with a control or direction character cannot reorder the sentence", () => {
    expect(methodInSentence("en", { labelKey: "totp", detail: null, nickname: "evil\u202Etxt" })).toBe("authenticator app (“evil\uFFFDtxt”)");
  });

  it("several methods as one list, joined as each language joins a list; recovery codes have their own name", () => {
    const methods = [
      { labelKey: "totp", detail: null, nickname: null },
      { labelKey: "mobile", detail: "+31 •• ••• ••51", nickname: null },
      { labelKey: "recovery_code", detail: null, nickname: null },
    ];
    expect(methodsInSentence("nl", methods)).toBe("authenticator-app, mobiele telefoon +31 •• ••• ••51 en herstelcodes");
    expect(methodsInSentence("en", methods)).toBe("authenticator app, mobile phone +31 •• ••• ••51, and recovery codes");
    expect(methodsInSentence("en", methods.slice(0, 1))).toBe("authenticator app");
  });
});
