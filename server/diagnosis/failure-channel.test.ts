import { describe, expect, it } from "vitest";
import type { DiagnosisStep } from "./explain";
import { failureChannel } from "./failure-channel";

const step = (method: string | null, result: DiagnosisStep["result"], code: DiagnosisStep["code"]): DiagnosisStep => ({
  at: "2026-11-30T09:00:00Z",
  step: "second_factor",
  method,
  result,
  code,
  facts: {},
});

describe("the way a refusal happened on, from the sign-in's steps", () => {
  it("the latest failed step with that code names its channel", () => {
    const steps = [step("totp", "failure", "MFA_CODE_INVALID"), step("sms", "info", null), step("sms", "failure", "MFA_CODE_INVALID")];
    expect(failureChannel({ steps }, "MFA_CODE_INVALID")).toBe("sms");
    expect(failureChannel({ steps: steps.slice(0, 1) }, "MFA_CODE_INVALID")).toBe("totp");
  });

  it("unknown: no such refusal, a step that is not a channel (the password, a pass), or no sign-in", () => {
    expect(failureChannel({ steps: [step("sms", "failure", "MFA_CODE_EXPIRED")] }, "MFA_CODE_INVALID")).toBeNull();
    expect(failureChannel({ steps: [step("access_pass", "failure", "MFA_CODE_INVALID")] }, "MFA_CODE_INVALID")).toBeNull();
    expect(failureChannel(null, "MFA_CODE_INVALID")).toBeNull();
  });
});
