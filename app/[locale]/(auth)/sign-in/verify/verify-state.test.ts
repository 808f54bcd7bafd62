import { describe, expect, it } from "vitest";
import type { ErrorDetails } from "../../../../_lib/error-details";
import { initialVerifyState, sameWay, verifyReducer, type VerifyEvent, type VerifyState } from "./verify-state";

const app = { methodId: "m-app", channel: "totp" as const, display: null, labelKey: "totp" as const };
const text = { methodId: "m-phone", channel: "sms" as const, display: "+31 6 ••••• 42", labelKey: "mobile" as const };
const call = { methodId: "m-phone", channel: "voice" as const, display: "+31 6 ••••• 42", labelKey: "mobile" as const };
const failure = (code: ErrorDetails["code"]): ErrorDetails => ({ code, params: {}, correlationId: "c", displaySessionId: null, at: "2026-12-01T10:00:00Z" });

function run(start: VerifyState, ...events: VerifyEvent[]): VerifyState {
  return events.reduce(verifyReducer, start);
}

describe("the code page's states", () => {
  it("starts on the selected way with nothing sent", () => {
    expect(initialVerifyState(app)).toEqual({ option: app, challenge: null, waiting: null, busy: null, failure: null });
  });

  it("a chosen text starts a challenge that counts down from the server's expiry; a new text is a new challenge", () => {
    const sent = run(initialVerifyState(app), { type: "choose" }, { type: "chosen", option: text, answer: { expiresInSeconds: 180, matchNumber: null }, at: 1000, polls: false });
    expect(sent).toMatchObject({ option: text, challenge: { startedAt: 1000, expiresInSeconds: 180, serial: 1 }, waiting: null, busy: null });
    const again = run(sent, { type: "choose" }, { type: "chosen", option: text, answer: { expiresInSeconds: 180, matchNumber: null }, at: 5000, polls: false });
    expect(again.challenge).toMatchObject({ startedAt: 5000, serial: 2 });
  });

  it("a call waits (ringing, then answered) until it fails; the match number stays with the challenge, waiting ends", () => {
    const ringing = run(initialVerifyState(app), { type: "choose" }, { type: "chosen", option: call, answer: { expiresInSeconds: 60, matchNumber: "47" }, at: 0, polls: true });
    expect(ringing.waiting).toBe("ringing");
    const answered = verifyReducer(ringing, { type: "polled", state: "answered" });
    expect(answered.waiting).toBe("answered");
    const failed = verifyReducer(answered, { type: "failed", failure: failure("MFA_CALL_WRONG_NUMBER") });
    expect(failed).toMatchObject({ option: call, waiting: null, failure: { code: "MFA_CALL_WRONG_NUMBER" } });
    // A late poll answer after the failure does not start waiting again.
    expect(verifyReducer(failed, { type: "polled", state: "ringing" }).waiting).toBeNull();
  });

  it("a refused choice keeps the way in use and shows why; the next try clears it", () => {
    const refused = run(initialVerifyState(app), { type: "choose" }, { type: "failed", failure: failure("MFA_THROTTLED") });
    expect(refused).toMatchObject({ option: app, busy: null, failure: { code: "MFA_THROTTLED" } });
    expect(verifyReducer(refused, { type: "submitting" }).failure).toBeNull();
    expect(verifyReducer(refused, { type: "choose" })).toMatchObject({ busy: "choosing", failure: null });
  });

  it("the same method by another channel is another way", () => {
    expect(sameWay(text, { ...text })).toBe(true);
    expect(sameWay(text, call)).toBe(false);
    expect(sameWay(null, text)).toBe(false);
  });
});
