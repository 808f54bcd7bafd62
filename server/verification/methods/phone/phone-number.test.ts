import { describe, expect, it } from "vitest";
import { maskPhone, parsePhone } from "./phone-number";

describe("phone numbers", () => {
  it("parse what people type into E.164, refusing what is not a number", () => {
    expect(parsePhone("06 1234 5642")).toEqual({ e164: "+31612345642", country: "NL", countryCallingCode: "31" });
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
