import { describe, expect, it } from "vitest";
import { READABLE_ID_PATTERN } from "../crypto/random";
import { DISPLAY_SESSION_ID_PATTERN, MAX_ERROR_DETAILS_TEXT, amsterdamOffsetMinutes, errorDetailsFieldsSchema, parseErrorDetailsText } from "./error-details.schemas";

const UUID = "3f1c2a9e-5b7d-4c1e-9a2b-0c8d7e6f5a4b";

const englishCopy = [
  "Error code: MFA_CODE_EXPIRED",
  `Correlation ID: ${UUID}`,
  "Session ID: 7KQ3-M2XD-9PTA",
  "Timestamp: 2026-11-22 05:12:33 +01:00",
  "Page: https://tweestap.example/nl/sign-in/verify",
].join("\n");

const dutchCopy = [
  "Foutcode: MFA_THROTTLED",
  `Correlatie-ID: ${UUID}`,
  "Sessie-ID: 7KQ3-M2XD-9PTA",
  "Tijdstip: 2026-07-01 14:03:09 +02:00",
  "Pagina: https://tweestap.example/nl/sign-in/verify?token=abc#x",
].join("\n");

const allFields = ["errorCode", "correlationId", "displaySessionId", "occurredAt", "pageUrl"];

/** The fields of a text that must parse. */
function fieldsOf(text: string) {
  const result = parseErrorDetailsText(text);
  if (!result.ok) throw new Error(`not parsed: ${result.reason}`);
  return result;
}

describe("parseErrorDetailsText: the Copy text", () => {
  it("reads all five fields of the English copy", () => {
    expect(fieldsOf(englishCopy)).toEqual({
      ok: true,
      fields: {
        errorCode: "MFA_CODE_EXPIRED",
        correlationId: UUID,
        displaySessionId: "7KQ3-M2XD-9PTA",
        occurredAt: "2026-11-22T05:12:33+01:00",
        pageUrl: "https://tweestap.example/nl/sign-in/verify",
      },
      found: allFields,
    });
  });

  it("reads all five fields of the Dutch copy, dropping the page's query and fragment", () => {
    const { fields, found } = fieldsOf(dutchCopy);
    expect(fields).toEqual({
      errorCode: "MFA_THROTTLED",
      correlationId: UUID,
      displaySessionId: "7KQ3-M2XD-9PTA",
      occurredAt: "2026-07-01T14:03:09+02:00",
      pageUrl: "https://tweestap.example/nl/sign-in/verify",
    });
    expect(found).toEqual(allFields);
  });

  it("takes 'geen' / 'none' as no value, even when something ID-shaped is elsewhere", () => {
    const text = `${dutchCopy.replace("Sessie-ID: 7KQ3-M2XD-9PTA", "Sessie-ID: geen")}\nzie ook AB12-CD34-EF56`;
    const { fields, found } = fieldsOf(text);
    expect(fields.displaySessionId).toBeUndefined();
    expect("displaySessionId" in fields).toBe(false);
    expect(found).toEqual(["errorCode", "correlationId", "occurredAt", "pageUrl"]);

    const english = fieldsOf(englishCopy.replace(`Correlation ID: ${UUID}`, "Correlation ID: NONE"));
    expect(english.found).toEqual(["errorCode", "displaySessionId", "occurredAt", "pageUrl"]);
  });

  it("reads labels in any case and spacing, with bullets, '=' or a tab", () => {
    const text = [
      "  • ERROR CODE :  mfa_code_expired",
      `- correlation-id=${UUID.toUpperCase()}`,
      "*   sessie id\t7kq3-m2xd-9pta",
      "TIJDSTIP   :   2026-11-22T04:12:33.5Z",
      "> page:https://tweestap.example/en/sign-in?x=1",
    ].join("\r\n");
    expect(fieldsOf(text).fields).toEqual({
      errorCode: "MFA_CODE_EXPIRED",
      correlationId: UUID,
      displaySessionId: "7KQ3-M2XD-9PTA",
      occurredAt: "2026-11-22T04:12:33.500Z",
      pageUrl: "https://tweestap.example/en/sign-in",
    });
  });

  it("prefers the labelled value over one earlier in the text", () => {
    const text = `Eerst kreeg ik MFA_CODE_INVALID, daarna:\n${englishCopy}`;
    expect(fieldsOf(text).fields.errorCode).toBe("MFA_CODE_EXPIRED");
  });

  it("skips an invalid labelled value; the field may still be found elsewhere", () => {
    const invalid = englishCopy.replace("Error code: MFA_CODE_EXPIRED", "Foutcode: BANANA");
    const result = fieldsOf(invalid);
    expect(result.fields.errorCode).toBeUndefined();
    expect(result.found).not.toContain("errorCode");

    const elsewhere = fieldsOf(`Foutcode: BANANA\nHet scherm zei ACCOUNT_LOCKED`);
    expect(elsewhere.fields).toEqual({ errorCode: "ACCOUNT_LOCKED" });
  });
});

describe("parseErrorDetailsText: loose text", () => {
  it("finds the fields in a chat message", () => {
    const result = fieldsOf(`hoi, ik kreeg MFA_CLOCK_DRIFT om 22/11/2026 09:15, id ${UUID} (sessie 7kq3-m2xd-9pta). groet`);
    expect(result.fields).toEqual({
      errorCode: "MFA_CLOCK_DRIFT",
      correlationId: UUID,
      displaySessionId: "7KQ3-M2XD-9PTA",
      occurredAt: "2026-11-22T09:15:00+01:00",
    });
    expect(result.found).toEqual(["errorCode", "correlationId", "displaySessionId", "occurredAt"]);
  });

  it("accepts a lowercase code only when it is a catalog code", () => {
    expect(fieldsOf("error was rate_limited").fields).toEqual({ errorCode: "RATE_LIMITED" });
    expect(parseErrorDetailsText("error was not_a_code")).toEqual({ ok: false, reason: "nothing_recognised" });
  });

  it("normalises an uppercase UUID to lowercase", () => {
    expect(fieldsOf(`ID ${UUID.toUpperCase()}`).fields).toEqual({ correlationId: UUID });
  });

  it("does not take a session ID out of a longer dashed run", () => {
    expect(parseErrorDetailsText("code 7KQ3-M2XD-9PTA-H4RW")).toEqual({ ok: false, reason: "nothing_recognised" });
    expect(parseErrorDetailsText("code X7KQ3-M2XD-9PTA")).toEqual({ ok: false, reason: "nothing_recognised" });
    expect(parseErrorDetailsText("Session ID: 7KQ3-M2XD-9PTA-H4RW")).toEqual({ ok: false, reason: "nothing_recognised" });
  });

  it("does not take the middle of a UUID as a session ID", () => {
    expect(fieldsOf(`correlation ${UUID.replace(/[a-f]/g, "a")}`).fields.displaySessionId).toBeUndefined();
  });

  it("takes the first http(s) URL, without trailing punctuation, query or fragment", () => {
    const text = "zie ftp://files.example/x en (https://tweestap.example/nl/help?code=1).";
    expect(fieldsOf(text).fields).toEqual({ pageUrl: "https://tweestap.example/nl/help" });
    expect(parseErrorDetailsText("javascript:alert(1)")).toEqual({ ok: false, reason: "nothing_recognised" });
  });

  it("refuses a page address over 2000 characters", () => {
    expect(parseErrorDetailsText(`https://tweestap.example/${"a".repeat(2000)}`)).toEqual({ ok: false, reason: "nothing_recognised" });
  });
});

describe("parseErrorDetailsText: timestamps", () => {
  const at = (text: string) => fieldsOf(text).fields.occurredAt;

  it("reads the copy format, ISO 8601 and day-first dates, keeping the offset", () => {
    expect(at("2026-11-22 05:12:33 +01:00")).toBe("2026-11-22T05:12:33+01:00");
    expect(at("2026-11-22T05:12:33+01:00")).toBe("2026-11-22T05:12:33+01:00");
    expect(at("2026-11-22T04:12:33Z")).toBe("2026-11-22T04:12:33Z");
    expect(at("2026-11-22T04:12:33.123Z")).toBe("2026-11-22T04:12:33.123Z");
    expect(at("2026-11-22T05:12:33+0100")).toBe("2026-11-22T05:12:33+01:00");
    expect(at("2026-11-22 05:12:33 UTC")).toBe("2026-11-22T05:12:33Z");
    expect(at("22-11-2026 05:12:33 +01:00")).toBe("2026-11-22T05:12:33+01:00");
    expect(at("22.11.2026 om 9.15")).toBe("2026-11-22T09:15:00+01:00");
  });

  it("reads a time without an offset as Amsterdam time (winter +01:00, summer +02:00)", () => {
    expect(at("22/11/2026 05:12")).toBe("2026-11-22T05:12:00+01:00");
    expect(at("01/07/2026 14:03:09")).toBe("2026-07-01T14:03:09+02:00");
    expect(at("2026-07-01 14:03")).toBe("2026-07-01T14:03:00+02:00");
    // A word after the time is not a zone ("zondag" does not make it Z).
    expect(at("22/11/2026 09:15 zondag")).toBe("2026-11-22T09:15:00+01:00");
  });

  it("preserves the instant", () => {
    for (const text of ["2026-11-22 05:12:33 +01:00", "22/11/2026 05:12:33", "2026-11-22T04:12:33Z"]) {
      expect(new Date(at(text)!).toISOString()).toBe("2026-11-22T04:12:33.000Z");
    }
  });

  it("refuses impossible dates and times", () => {
    for (const text of ["2026-02-30 10:00:00 +01:00", "2026-11-22 25:00 +01:00", "30/02/2026 10:00", "22/11/2026 10:61", "2026-11-22 05:12 +15:00"]) {
      expect(parseErrorDetailsText(text), text).toEqual({ ok: false, reason: "nothing_recognised" });
    }
  });

  it("needs a time: a date alone is not a moment", () => {
    expect(parseErrorDetailsText("22/11/2026")).toEqual({ ok: false, reason: "nothing_recognised" });
  });
});

describe("parseErrorDetailsText: nothing to read", () => {
  it("reports empty and too long input", () => {
    expect(parseErrorDetailsText("")).toEqual({ ok: false, reason: "empty" });
    expect(parseErrorDetailsText(" \n\t ")).toEqual({ ok: false, reason: "empty" });
    expect(parseErrorDetailsText("a".repeat(MAX_ERROR_DETAILS_TEXT + 1))).toEqual({ ok: false, reason: "too_long" });
    expect(parseErrorDetailsText(`${englishCopy}\n${" ".repeat(MAX_ERROR_DETAILS_TEXT - englishCopy.length - 1)}`).ok).toBe(true);
  });

  it("reports garbage as nothing recognised", () => {
    for (const text of ["asdf qwerty", "123456", "Error code: ", "Foutcode: BANANA", "abcd-efgh-ijkl", "12:30 morgen"]) {
      expect(parseErrorDetailsText(text), text).toEqual({ ok: false, reason: "nothing_recognised" });
    }
  });

  it("finishes on adversarial input (no catastrophic backtracking)", () => {
    const inputs = [
      `-${" ".repeat(9000)}x`,
      `Error code${" ".repeat(9000)}x`,
      "1".repeat(MAX_ERROR_DETAILS_TEXT),
      "2026-11-22 ".repeat(900),
      "AAAA-".repeat(2000),
      `https://${"a".repeat(9000)}`,
      `https://a.example/${".".repeat(9000)}a`,
      "- ".repeat(4999),
      `1/1/2026${" ".repeat(9000)}x`,
      `2026-11-22 05:12${" ".repeat(9000)}x`,
      "a_".repeat(4999),
    ];
    // Catastrophic backtracking would hang here until the test's timeout.
    for (const text of inputs) expect(typeof parseErrorDetailsText(text).ok, text.slice(0, 20)).toBe("boolean");
  });
});

describe("errorDetailsFieldsSchema", () => {
  it("normalises case and strips the page's query", () => {
    expect(
      errorDetailsFieldsSchema.parse({
        correlationId: UUID.toUpperCase(),
        displaySessionId: "7kq3-m2xd-9pta",
        pageUrl: "https://tweestap.example/a?token=x#y",
      }),
    ).toEqual({ correlationId: UUID, displaySessionId: "7KQ3-M2XD-9PTA", pageUrl: "https://tweestap.example/a" });
  });

  it("refuses unknown codes, times without an offset and other schemes", () => {
    expect(errorDetailsFieldsSchema.safeParse({ errorCode: "BANANA" }).success).toBe(false);
    expect(errorDetailsFieldsSchema.safeParse({ occurredAt: "2026-11-22T05:12:33" }).success).toBe(false);
    expect(errorDetailsFieldsSchema.safeParse({ pageUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(errorDetailsFieldsSchema.safeParse({}).success).toBe(true);
  });
});

describe("shared patterns and helpers", () => {
  it("keeps the session ID pattern equal to READABLE_ID_PATTERN in server/crypto/random.ts", () => {
    expect(DISPLAY_SESSION_ID_PATTERN.source).toBe(READABLE_ID_PATTERN.source);
    expect(DISPLAY_SESSION_ID_PATTERN.flags).toBe(READABLE_ID_PATTERN.flags);
  });

  it("knows Amsterdam's offset in winter and summer", () => {
    expect(amsterdamOffsetMinutes(new Date("2026-01-15T12:00:00Z"))).toBe(60);
    expect(amsterdamOffsetMinutes(new Date("2026-07-15T12:00:00Z"))).toBe(120);
    // Around the switch to summer time (2026-03-29 01:00 UTC).
    expect(amsterdamOffsetMinutes(new Date("2026-03-29T00:59:59Z"))).toBe(60);
    expect(amsterdamOffsetMinutes(new Date("2026-03-29T01:00:00Z"))).toBe(120);
  });
});
