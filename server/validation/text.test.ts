import { describe, expect, it } from "vitest";
import { ticketDiagnosticsInput, submitTicketInput, parseTicketReference, parseTimestampWithZone } from "../tickets/tickets.schemas";
import { passwordStepInput } from "../verification/sign-in.schemas";
import { asciiDigits, boundedDate, safeText, shownText } from "./text";

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe("the shared text schema", () => {
  const line = safeText({ max: 50 });
  const multiline = safeText({ max: 50, multiline: true });

  it("refuses NUL, ESC and other controls, bidi overrides, separators and lone surrogates", () => {
    for (const bad of ["a\u0000b", "\u0000", "\u001b[31mred", "bell\u0007", "del\u007f", "c1\u0085", "\u202Egnp.exe", "iso\u2066x", "line\u2028sep", "half\uD800", "\uDC00half"]) {
      expect({ bad, line: ok(line, bad), multiline: ok(multiline, bad) }).toEqual({ bad, line: false, multiline: false });
    }
  });

  it("keeps line breaks and tabs only where the text is multi-line; keeps every real character", () => {
    expect(ok(line, "one\ntwo")).toBe(false);
    expect(multiline.parse("one\r\ntwo\tthree")).toBe("one\r\ntwo\tthree");
    expect(line.parse("  Zoë 😀 مرحبا  ")).toBe("Zoë 😀 مرحبا");
  });

  it("a NUL at the edge is refused, not trimmed away; the length is the trimmed length", () => {
    expect(ok(line, "abc\u0000")).toBe(false);
    expect(ok(safeText({ min: 3, max: 5 }), "   ab   ")).toBe(false);
    expect(ok(safeText({ min: 3, max: 5 }), "  abcde  ")).toBe(true);
  });

  it("is what the ticket form and the sign-in form use", () => {
    const ticket = { category: "lost_phone", subject: "Lost phone", description: "My phone is gone, please help." };
    expect(ok(submitTicketInput, ticket)).toBe(true);
    expect(ok(submitTicketInput, { ...ticket, subject: "Lost\u0000phone" })).toBe(false);
    expect(ok(submitTicketInput, { ...ticket, description: "Line one\nline two\u202E" })).toBe(false);
    expect(ok(submitTicketInput, { ...ticket, description: "Line one\nline two, fine" })).toBe(true);
    // A password is taken as typed (spaces and all), but a NUL is refused.
    expect(passwordStepInput.parse({ username: "anna", password: " pass word " }).password).toBe(" pass word ");
    expect(ok(passwordStepInput, { username: "anna", password: "pass\u0000word" })).toBe(false);
  });
});

describe("text as a page shows it", () => {
  it("an escape sequence or a bidi override stored earlier is shown as a visible mark, never applied", () => {
    expect(shownText("invoice\u202Efdp.exe")).toBe("invoice\uFFFDfdp.exe");
    expect(shownText("\u001B[31mred\u001B[0m and \u0000")).toBe("\uFFFD[31mred\uFFFD[0m and \uFFFD");
    expect(shownText("Hoi,\n\tdank je 👍 — Zoë")).toBe("Hoi,\n\tdank je 👍 — Zoë");
  });
});

describe("bounded references and moments", () => {
  it("a ticket reference has 6 to 15 digits (never rounded above 2^53)", () => {
    expect(parseTicketReference("TS-000123")).toBe(123);
    expect(parseTicketReference("TS-999999999999999")).toBe(999_999_999_999_999);
    expect(parseTicketReference("TS-9007199254740993")).toBeNull();
    expect(parseTicketReference("TS-99999999999999999999")).toBeNull();
  });

  it("a timestamp must fall in the years 1970 to 9999 once converted to UTC", () => {
    expect(parseTimestampWithZone("2026-11-22 05:12:33 +01:00")).not.toBeNull();
    expect(parseTimestampWithZone("0000-01-01 00:30:00 +01:00")).toBeNull();
    expect(parseTimestampWithZone("9999-12-31 23:30:00 -01:00")).toBeNull();
    expect(ok(ticketDiagnosticsInput, { occurredAt: "9999-12-31 23:30:00 -01:00" })).toBe(false);
    expect(ok(boundedDate, "2026-11-01")).toBe(true);
    for (const bad of ["0000-01-01", "10000-01-01", "+010000-01-01T00:00:00Z", "not a date", 1e20]) expect({ bad, ok: ok(boundedDate, bad) }).toEqual({ bad, ok: false });
  });
});

describe("digits", () => {
  it("full-width, Arabic-Indic, Persian and Devanagari digits become ASCII; nothing else changes", () => {
    expect(asciiDigits("１２３ ４５６")).toBe("123 456");
    expect(asciiDigits("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
    expect(asciiDigits("۰۱۲۳۴۵۶۷۸۹")).toBe("0123456789");
    expect(asciiDigits("०१२३४५६७८९")).toBe("0123456789");
    expect(asciiDigits("𝟘𝟙𝟡 𝟬𝟵")).toBe("019 09");
    expect(asciiDigits("12a-b²")).toBe("12a-b²");
  });
});
