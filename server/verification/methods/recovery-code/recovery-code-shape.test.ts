import { describe, expect, it } from "vitest";
import { REDACTION_MARK, redactSecrets } from "../../../tickets/redact";
import { RECOVERY_CODE_PATTERN } from "./recovery-code-shape";

const R = REDACTION_MARK;

describe("a recovery code pasted into a ticket (the method's secret shape)", () => {
  it("matches a whole recovery code, and not one with a letter Crockford leaves out", () => {
    expect(RECOVERY_CODE_PATTERN.test("7kq3-m2xd-9pta-h4rw")).toBe(true);
    expect(RECOVERY_CODE_PATTERN.test("7kq3-m2xd-9pta-h4ru")).toBe(false); // u is not Crockford
  });

  it("redacts recovery codes without reporting their digits as a one-time code", () => {
    expect(redactSecrets("Recovery code 7kq3-m2xd-9pta-h4rw did not work")).toEqual({
      text: `Recovery code ${R} did not work`,
      redacted: ["recovery_code"],
    });
    expect(redactSecrets("used 1234-5678-9abc-defg").redacted).toEqual(["recovery_code"]);
  });

  it("reports kinds once each, in the order they first appear", () => {
    const text = "pass 7KQ3-M2XD-9PTA-H4RW, code 123456, code 654321, pin: 9876, app qwhdkzmpaxtrbnel, 7kq3-m2xd-9pta-h4rw";
    expect(redactSecrets(text)).toEqual({
      text: `pass ${R}, code ${R}, code ${R}, pin: ${R}, app ${R}, ${R}`,
      redacted: ["access_pass", "one_time_code", "password", "app_password", "recovery_code"],
    });
  });
});
