import { describe, expect, it, vi } from "vitest";
import en from "@/messages/en.json";
import nl from "@/messages/nl.json";
import { methodChoiceInput } from "@/server/verification/sign-in.schemas";
import type { SignInOption } from "@/server/verification/methods/sign-in-options";
import { allChallengeViews, challengeViewFor, errorWordingKeys, optionMethod, wayMessages } from "./registry";

// The views' components render in the browser (next-intl navigation); this test reads the registry's data.
vi.mock("./totp/TotpChallenge", () => ({ TotpChallenge: () => null }));
vi.mock("./phone/TextChallenge", () => ({ TextChallenge: () => null }));
vi.mock("./phone/CallChallenge", () => ({ CallChallenge: () => null }));
vi.mock("./push/PushChallenge", () => ({ PushChallenge: () => null }));
vi.mock("./recovery-code/RecoveryCodeChallenge", () => ({ RecoveryCodeChallenge: () => null }));

type Tree = { [key: string]: string | Tree };
const CATALOGS = { en: en as Tree, nl: nl as Tree };

function message(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

function strings(node: string | Tree | undefined): string[] {
  if (node === undefined) return [];
  return typeof node === "string" ? [node] : Object.values(node).flatMap(strings);
}

/** Words that point to the authenticator app, in either language. */
const MENTIONS_THE_APP = /\bapp\b|authenticator|30 sec/i;

const option = (channel: SignInOption["channel"], methodId: string, display: string | null, labelKey: SignInOption["labelKey"]): SignInOption => ({
  methodId,
  channel,
  display,
  labelKey,
});

describe("the code page's ways (app/_methods/registry.ts)", () => {
  it("has a view for every channel a sign-in can choose", () => {
    for (const channel of methodChoiceInput.shape.channel.options) expect(challengeViewFor(channel).channel).toBe(channel);
  });

  it("every view has its title, intro, option, help text and error wordings in nl and en", () => {
    for (const view of allChallengeViews()) {
      const keys = ["title", "intro", "option", "trouble"].map((part) => `${wayMessages(view.channel)}.${part}`);
      for (const code of view.errorWording) {
        const wording = errorWordingKeys(view.channel, code)!;
        keys.push(wording.title, wording.message);
      }
      for (const [locale, catalog] of Object.entries(CATALOGS)) {
        for (const key of keys) expect(message(catalog, key), `${locale}: ${key}`).toBeTruthy();
      }
    }
  });

  it("a text or a call never mentions the authenticator app, in any of its texts or error wordings (nl and en)", () => {
    for (const channel of ["sms", "voice"] as const) {
      for (const [locale, catalog] of Object.entries(CATALOGS)) {
        const texts = strings((catalog.verify as Tree).ways && ((catalog.verify as Tree).ways as Tree)[channel]);
        expect(texts.length, `${locale} ${channel}`).toBeGreaterThan(5);
        expect(
          texts.filter((text) => MENTIONS_THE_APP.test(text)),
          `${locale} ${channel}`,
        ).toEqual([]);
      }
    }
  });

  it("a wrong, expired or replaced text code is worded for the text; the app's codes keep the catalog's wording", () => {
    for (const code of ["MFA_CODE_INVALID", "MFA_CODE_EXPIRED", "MFA_CODE_SUPERSEDED"] as const) {
      const keys = errorWordingKeys("sms", code)!;
      expect(keys.message).toBe(`verify.ways.sms.errors.${code}.message`);
      expect(message(CATALOGS.en, keys.message)).toMatch(/text message/);
      expect(message(CATALOGS.nl, keys.message)).toMatch(/\bsms\b/);
    }
    // The catalog's own wording of a wrong code is the app's: exactly what a text sign-in must not show.
    expect(message(CATALOGS.en, "errors.MFA_CODE_INVALID.message")).toMatch(MENTIONS_THE_APP);
    expect(errorWordingKeys("totp", "MFA_CODE_INVALID")).toBeNull();
    expect(errorWordingKeys("sms", "ACCOUNT_LOCKED")).toBeNull();
  });

  it("names every option's method in one place, by the label its description gives (an office phone is an office phone)", () => {
    const app = option("totp", "m-app", null, "totp");
    const callToOffice = option("voice", "m-office", "+31 •• ••• ••21 (2231)", "office");
    expect(optionMethod(app)).toEqual({ labelKey: "totp", detail: null });
    expect(optionMethod(callToOffice)).toEqual({ labelKey: "office", detail: "+31 •• ••• ••21 (2231)" });
  });
});
