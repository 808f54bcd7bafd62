import { describe, expect, it } from "vitest";
import { describeMethod, kindOfChannel } from "./registry";

const at = new Date("2026-11-30T09:00:00Z");
const method = (kind: "totp" | "phone") => ({
  id: "7f0c1c9e-0000-4000-8000-000000000001",
  personId: "7f0c1c9e-0000-4000-8000-000000000002",
  kind,
  label: "",
  nickname: null as string | null,
  createdAt: at,
  confirmedAt: at,
  lastUsedAt: null,
  removedAt: null,
  registrationAttemptId: null,
  registrationSessionId: null,
  enrolledWithPassAt: null,
});
const phone = (role: "mobile" | "alternate" | "office", extension: string | null = null) => ({
  methodId: "7f0c1c9e-0000-4000-8000-000000000001",
  e164: "+31612345642",
  country: "NL",
  role,
  extension,
  verifiedAt: at,
  suspendedAt: null,
});

describe("the method registry describes a method without its secret or full number", () => {
  it("a mobile phone: masked number, texts and calls, managed by the person", () => {
    const d = describeMethod({ method: method("phone"), phone: phone("mobile") });
    expect(d).toMatchObject({ kind: "phone", labelKey: "mobile", device: "phone", amr: ["sms", "tel"], managedBy: "person" });
    expect(d.detail).not.toContain("12345642");
    expect(d.detail).toMatch(/42$/);
  });

  it("an office phone is managed by an administrator and keeps its extension", () => {
    const d = describeMethod({ method: method("phone"), phone: phone("office", "2231") });
    expect(d).toMatchObject({ labelKey: "office", managedBy: "admin", amr: ["tel"] });
    expect(d.detail).toMatch(/\(2231\)$/);
  });

  it("an authenticator app has no detail to show", () => {
    expect(describeMethod({ method: method("totp"), phone: null })).toMatchObject({ labelKey: "totp", detail: null, amr: ["otp", "swk"] });
  });

  it("channels belong to one kind", () => {
    expect([kindOfChannel("totp"), kindOfChannel("sms"), kindOfChannel("voice")]).toEqual(["totp", "phone", "phone"]);
  });
});
