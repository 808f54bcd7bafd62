import { describe, expect, it } from "vitest";
import { AppError } from "../../../core/errors";
import { assertPhoneTypeAllowed, maskPhone, parsePhone, phoneUsableFor, type PhoneUse } from "./phone-number";

describe("phone numbers", () => {
  it("parse what people type into E.164, refusing what is not a number", () => {
    expect(parsePhone("06 1234 5642")).toEqual({ e164: "+31612345642", country: "NL", countryCallingCode: "31", type: "MOBILE" });
    expect(parsePhone("+32 470 12 34 56")?.country).toBe("BE");
    expect(parsePhone("+44 7911 123456")?.e164).toBe("+447911123456");
    expect(parsePhone("12345")).toBeNull();
    expect(parsePhone("call me maybe")).toBeNull();
  });

  it("are shown masked: the country code and the last two digits", () => {
    expect(maskPhone("+31612345642")).toBe("+31 •• ••• ••42");
    expect(maskPhone("+447700900123")).toBe("+44 •• ••• •••23");
    expect(maskPhone("+31612345642")).not.toMatch(/6123/);
  });
});

/** The code a typed number is refused with for a use, or null when it is accepted. */
function refusal(typed: string, use: PhoneUse): string | null {
  const parsed = parsePhone(typed);
  if (!parsed) return "PHONE_NUMBER_INVALID";
  try {
    assertPhoneTypeAllowed(parsed, use);
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

describe("which kinds of numbers we text and call (toll fraud)", () => {
  const serviceNumbers = {
    "premium rate (UK 09)": "+44 909 123 4567",
    "premium rate (NL 0900)": "+31 900 123 456",
    "premium rate (FR 0899)": "+33 8 99 12 34 56",
    "shared cost (FR 0810)": "+33 8 10 12 34 56",
    "shared cost (DE 0180)": "+49 180 1234 5678",
    "UAN (UK 055)": "+44 55 1234 5678",
    "UAN (FR 0806)": "+33 8 06 12 34 56",
    "personal (UK 070)": "+44 70 1234 5678",
    "personal (DE 0700)": "+49 700 1234 5678",
    "pager (UK 076)": "+44 76 4012 3456",
    "pager (NL 066)": "+31 66 3000000",
    "toll free (NL 0800)": "+31 800 1234",
    "VoIP (NL 085)": "+31 85 123 4567",
  };
  for (const [kind, typed] of Object.entries(serviceNumbers)) {
    it(`refuses ${kind} for texts and for calls with PHONE_NUMBER_TYPE_NOT_ALLOWED`, () => {
      expect(refusal(typed, "text")).toBe("PHONE_NUMBER_TYPE_NOT_ALLOWED");
      expect(refusal(typed, "call")).toBe("PHONE_NUMBER_TYPE_NOT_ALLOWED");
      expect(phoneUsableFor(parsePhone(typed)!.e164, "text")).toBe(false);
      expect(phoneUsableFor(parsePhone(typed)!.e164, "call")).toBe(false);
    });
  }

  it("accepts mobiles for texts and calls", () => {
    for (const typed of ["06 1234 5642", "+44 7911 123456", "+33 6 12 34 56 78", "+49 151 12345678", "+32 470 12 34 56"]) {
      expect(refusal(typed, "text")).toBeNull();
      expect(refusal(typed, "call")).toBeNull();
    }
  });

  it("accepts fixed lines for calls only", () => {
    for (const typed of ["+31 20 123 4567", "+44 20 7946 0000", "+33 1 42 68 53 00", "+49 30 12345678"]) {
      expect(refusal(typed, "call")).toBeNull();
      expect(refusal(typed, "text")).toBe("PHONE_NUMBER_TYPE_NOT_ALLOWED");
      expect(phoneUsableFor(parsePhone(typed)!.e164, "text")).toBe(false);
      expect(phoneUsableFor(parsePhone(typed)!.e164, "call")).toBe(true);
    }
  });

  it("a stored number that is not a valid number at all is never texted or called", () => {
    expect(phoneUsableFor("+3112", "text")).toBe(false);
    expect(phoneUsableFor("not a number", "call")).toBe(false);
  });
});
