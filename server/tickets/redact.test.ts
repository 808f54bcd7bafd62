import { describe, expect, it } from "vitest";
import { ACCESS_PASS_PATTERN, APP_PASSWORD_PATTERN, ONE_TIME_CODE_PATTERN } from "../crypto/secret-formats";
import { REDACTION_MARK, redactSecrets } from "./redact";

const R = REDACTION_MARK;

/** Asserts the text comes back identical, with nothing reported. */
function expectUntouched(text: string) {
  expect(redactSecrets(text)).toEqual({ text, redacted: [] });
}

describe("secret formats", () => {
  it("match whole secrets of each shape, and not the non-secrets", () => {
    for (const code of ["123456", "1234567", "12345678", "123 456", "123-4567", "1234 5678", "12345 678"]) {
      expect(ONE_TIME_CODE_PATTERN.test(code)).toBe(true);
    }
    for (const code of ["12345", "123456789", "12 3456", "1 2345678", "12-34-56"]) {
      expect(ONE_TIME_CODE_PATTERN.test(code)).toBe(false);
    }
    expect(APP_PASSWORD_PATTERN.test("qwhdkzmpaxtrbnel")).toBe(true);
    expect(APP_PASSWORD_PATTERN.test("Qwhdkzmpaxtrbnel")).toBe(false);
    expect(ACCESS_PASS_PATTERN.test("7KQ3-M2XD-9PTA-H4RW")).toBe(true);
    expect(ACCESS_PASS_PATTERN.test("7KQ3-M2XD-9PTA")).toBe(false); // a display session ID
    expect(ACCESS_PASS_PATTERN.test("7kq3-m2xd-9pta-h4rw")).toBe(false);
  });
});

describe("redactSecrets: one-time codes", () => {
  it("redacts 6, 7 and 8 digits standing alone", () => {
    expect(redactSecrets("123456")).toEqual({ text: R, redacted: ["one_time_code"] });
    expect(redactSecrets("my code 1234567 did not work").text).toBe(`my code ${R} did not work`);
    expect(redactSecrets("code 48213975").text).toBe(`code ${R}`);
  });

  it("redacts a code at a sentence end, in parentheses, quoted or after a colon", () => {
    expect(redactSecrets("The code was 123456.").text).toBe(`The code was ${R}.`);
    expect(redactSecrets("Typed it twice (654321), no luck").text).toBe(`Typed it twice (${R}), no luck`);
    expect(redactSecrets('I entered "987654"!').text).toBe(`I entered "${R}"!`);
    expect(redactSecrets("Code:123456, then 765432?").text).toBe(`Code:${R}, then ${R}?`);
    expectUntouched("Ratio 1:123456, time 12:345678");
  });

  it("redacts codes typed in two groups", () => {
    expect(redactSecrets("code 123 456").text).toBe(`code ${R}`);
    expect(redactSecrets("code 123-456").text).toBe(`code ${R}`);
    expect(redactSecrets("code 1234 5678 expired").text).toBe(`code ${R} expired`);
    expect(redactSecrets("code 1234-5678").text).toBe(`code ${R}`);
  });

  it("leaves too short and too long digit runs", () => {
    expectUntouched("code 12345 is too short");
    expectUntouched("123456789 is too long");
    expectUntouched("12345 6789 has nine digits");
  });

  it("leaves dates in every common format", () => {
    for (const date of ["2026-11-22", "22-11-2026", "22/11/2026", "20261122", "22112026", "22.11.2026", "22 11 26", "22 11 2026"]) {
      expectUntouched(`Since ${date} I cannot sign in.`);
    }
  });

  it("leaves ticket references, UUIDs and display session IDs", () => {
    expectUntouched("See TS-000123 and ts-1234567.");
    expectUntouched("Correlation 3f1c2a9e-1234-4567-8abc-123456789012 failed");
    expectUntouched("Correlation 12345678-1234-4567-8abc-123456789012 failed");
    expectUntouched("Session 7KQ3-M2XD-9PTA, please call");
  });

  it("leaves phone numbers", () => {
    for (const phone of ["+31 6 12345678", "06 12345678", "06-12345678", "0612345678", "+31612345642", "+31 (0)6 12345678"]) {
      expectUntouched(`Call me on ${phone} please`);
    }
  });

  it("leaves times, IP addresses, versions, amounts and counts", () => {
    expectUntouched("At 10:45:12 it failed, and at 10:45:13.");
    expectUntouched("From 192.168.100.200 and 10.123456.1.1");
    expectUntouched("App version 1.2.345678 on 123456.7 MB");
    expectUntouched("It cost €123456, $123456 or € 123456.");
    expectUntouched("Issue #123456 is 100000% fixed; mail 123456@example.com");
    expectUntouched("5 codes in 10 minutes");
    expectUntouched("Part 123456-b and 123456_x and a123456");
  });
});

describe("redactSecrets: app passwords", () => {
  it("redacts a standalone word of 16 lower-case letters", () => {
    expect(redactSecrets("use qwhdkzmpaxtrbnel in Outlook")).toEqual({
      text: `use ${R} in Outlook`,
      redacted: ["app_password"],
    });
    expect(redactSecrets("app password: qwhdkzmpaxtrbnel.").text).toBe(`app password: ${R}.`);
  });

  it("leaves capitalised, shorter and longer words, URLs, e-mail addresses and ordinary 16-letter words", () => {
    expectUntouched("Arbeidsongeschiktheid");
    expectUntouched("Qwhdkzmpaxtrbnel");
    expectUntouched("qwhdkzmpaxtrbne is 15 letters");
    expectUntouched("qwhdkzmpaxtrbnelx is 17 letters");
    expectUntouched("ondersteuningsteam and tweestapsverificatie");
    expectUntouched("see https://example.nl/qwhdkzmpaxtrbnel or qwhdkzmpaxtrbnel@example.nl");
    expectUntouched("see qwhdkzmpaxtrbnel.example.nl or x-qwhdkzmpaxtrbnel or qwhdkzmpaxtrbnel-x");
    expectUntouched("mijn beveiligingscode werkt niet");
  });
});

// A method's own secrets (recovery codes) are tested beside the method (recovery-code-shape.test.ts).
describe("redactSecrets: access passes", () => {
  it("redacts temporary access passes", () => {
    expect(redactSecrets("The helpdesk gave me 7KQ3-M2XD-9PTA-H4RW.")).toEqual({
      text: `The helpdesk gave me ${R}.`,
      redacted: ["access_pass"],
    });
  });

  it("redacts access passes typed in lower or mixed case, with spaces or in one piece, as sign-in accepts them", () => {
    expect(redactSecrets("de pas 7kq3-m2xd-9PTA-h4rw werkt niet")).toEqual({ text: `de pas ${R} werkt niet`, redacted: ["access_pass"] });
    expect(redactSecrets("Ik kreeg 7kq3 m2xd 9pta h4rw, werkt niet")).toEqual({ text: `Ik kreeg ${R}, werkt niet`, redacted: ["access_pass"] });
    expect(redactSecrets("pass 7KQ3 M2XD 9PTA H4RW gave an error").text).toBe(`pass ${R} gave an error`);
    expect(redactSecrets("code: 7kq3 - m2xd - 9pta - h4rw.").text).toBe(`code: ${R}.`);
    expect(redactSecrets("typed 7kq3m2xd9ptah4rw twice").text).toBe(`typed ${R} twice`);
    expect(redactSecrets("the pass was\n7Kq3  M2xd  9ptA  h4Rw").text).toBe(`the pass was\n${R}`);
    // Two passes in one line, and a pass whose groups are all letters but one.
    expect(redactSecrets("old abcd efgh jkm2 npqr new 1234 5678 9abc defg").text).toBe(`old ${R} new ${R}`);
  });

  it("leaves ordinary words, dashed words and display session IDs next to words, whatever the case", () => {
    expectUntouched("when they were here that week");
    expectUntouched("Test-Case-Data-Sets and test case data sets");
    expectUntouched("wachtwoord vergeten, geen pas meer");
    expectUntouched("sessie 7KQ3-M2XD-9PTA gave fout");
    expectUntouched("ID 7kq3-m2xd-9pta then that");
    expectUntouched("see https://example.nl/7kq3/m2xd/9pta/h4rw or 7kq3.m2xd.9pta.h4rw");
    expectUntouched("card 1234 5678 9012 3456");
    expectUntouched("Abcdefghjkmnpqrs is not a pass");
    expectUntouched("uuid 3f1c2a9e-1a2b-4c5d-8e9f-0a1b2c3d4e5f and 3F1C2A9E-1A2B-4C5D-8E9F-0A1B2C3D4E5F");
  });

  it("leaves longer dashed runs and display session IDs", () => {
    expectUntouched("7KQ3-M2XD-9PTA");
    expectUntouched("7KQ3-M2XD-9PTA-H4RW-ABCD");
    expectUntouched("x7kq3-m2xd-9pta-h4rw and 7kq3-m2xd-9pta-h4rwx");
    expectUntouched("uuid 3f1c2a9e-1a2b-4c5d-8e9f-0a1b2c3d4e5f");
  });
});

describe("redactSecrets: passwords after a keyword", () => {
  it("redacts the value after an English keyword and separator", () => {
    expect(redactSecrets("my password is Summer2026!")).toEqual({
      text: `my password is ${R}`,
      redacted: ["password"],
    });
    expect(redactSecrets("Password: hunter22").text).toBe(`Password: ${R}`);
    expect(redactSecrets("pwd=s3cr3t&user=jan").text).toBe(`pwd=${R}`);
    expect(redactSecrets("the old passwd was Tr0ub4dor").text).toBe(`the old passwd was ${R}`);
    expect(redactSecrets("PIN is 4321").text).toBe(`PIN is ${R}`);
    expect(redactSecrets("passphrase is: correct-horse").text).toBe(`passphrase is: ${R}`);
  });

  it("redacts the value after a Dutch keyword and separator", () => {
    expect(redactSecrets("wachtwoord: Geheim123").text).toBe(`wachtwoord: ${R}`);
    expect(redactSecrets("Mijn wachtwoord is Appel!23 sinds gisteren").text).toBe(`Mijn wachtwoord is ${R} sinds gisteren`);
    expect(redactSecrets("Het ww luidt Zomer2026").text).toBe(`Het ww luidt ${R}`);
    expect(redactSecrets("app-wachtwoord = abcd1234").text).toBe(`app-wachtwoord = ${R}`);
    expect(redactSecrets("app wachtwoord was Fiets99").text).toBe(`app wachtwoord was ${R}`);
  });

  it("keeps sentence punctuation after the value, but not a final ! or ?", () => {
    expect(redactSecrets("pin: 9876, and wachtwoord is Geheim123.").text).toBe(`pin: ${R}, and wachtwoord is ${R}.`);
    expect(redactSecrets("(password: hunter22) thanks").text).toBe(`(password: ${R}) thanks`);
    expect(redactSecrets("password: (hunter22)").text).toBe(`password: ${R}`);
    expect(redactSecrets("password is Secret?!").text).toBe(`password is ${R}`);
    expectUntouched("Password is expired. Wachtwoord is fout!");
  });

  it("keeps surrounding quotes and redacts a quoted value with spaces", () => {
    expect(redactSecrets('password: "my secret pass" ok').text).toBe(`password: "${R}" ok`);
    expect(redactSecrets("wachtwoord is 'Appel123'.").text).toBe(`wachtwoord is '${R}'.`);
  });

  it("leaves a keyword without separator, short values and describing words", () => {
    expectUntouched("I forgot my password yesterday");
    expectUntouched("my password is not working");
    expectUntouched("The password is expired. Password was wrong, wachtwoord is verlopen.");
    expectUntouched("Mijn wachtwoord is geblokkeerd en de pincode is niet geaccepteerd");
    expectUntouched("password: abc");
    expectUntouched("passwords are hard; spinning wheel: forever; wwwroot: here");
  });

  it("does not redact its own mark again", () => {
    const once = redactSecrets("password: hunter22, code 123456");
    expect(redactSecrets(once.text)).toEqual({ text: once.text, redacted: [] });
  });
});

describe("redactSecrets: the text around secrets", () => {
  it("returns text without secrets identical", () => {
    expectUntouched("");
    expectUntouched("Hallo,\n\nIk kan niet inloggen sinds 22-11-2026.\r\nGroet, Jan\t(TS-000123)");
  });

  it("preserves whitespace and newlines byte for byte", () => {
    const text = "Hi,\r\n\n  my code:\t123 456\n\npassword:  Summer2026!  \n7kq3-m2xd-9pta-h4rw\n";
    expect(redactSecrets(text).text).toBe(`Hi,\r\n\n  my code:\t${R}\n\npassword:  ${R}  \n${R}\n`);
  });

  it("reports kinds once each, in the order they first appear", () => {
    const text = "pass 7KQ3-M2XD-9PTA-H4RW, code 123456, code 654321, pin: 9876, app qwhdkzmpaxtrbnel";
    expect(redactSecrets(text)).toEqual({
      text: `pass ${R}, code ${R}, code ${R}, pin: ${R}, app ${R}`,
      redacted: ["access_pass", "one_time_code", "password", "app_password"],
    });
  });

  it("handles 20,000-character adversarial input", () => {
    for (const unit of ["1 ", "1-", "a-", "a", "password: ", "aaaa-", "A1B2-", "123456 ", "1.", "pin is "]) {
      const text = unit.repeat(Math.ceil(20_000 / unit.length)).slice(0, 20_000);
      const result = redactSecrets(text);
      expect(typeof result.text).toBe("string");
    }
    expect(redactSecrets("1 ".repeat(10_000)).text).toBe("1 ".repeat(10_000));
    expect(redactSecrets("a".repeat(20_000)).text).toBe("a".repeat(20_000));
  });
});
