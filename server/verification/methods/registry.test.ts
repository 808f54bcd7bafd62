import { describe, expect, it } from "vitest";
import { METHOD_KINDS } from "@/db/schema";
import { DEFAULT_CHANNELS } from "./method";
import {
  allChannels,
  allMethods,
  amrOfChannel,
  CHANNELS,
  channelTraits,
  describeMethod,
  inboundConsumers,
  isLastResort,
  kindOfChannel,
  methodForChannel,
  methodKinds,
  offeredChannels,
  typedCodeChannel,
  unchallengedCodeChannel,
} from "./registry";

const at = new Date("2026-11-30T09:00:00Z");
const method = (kind: "totp" | "phone" | "push") => ({
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

const device = () => ({
  methodId: "7f0c1c9e-0000-4000-8000-000000000001",
  personId: "7f0c1c9e-0000-4000-8000-000000000002",
  publicKeyJwk: "{}",
  deviceName: "Pixel",
  activatedAt: at,
  suspendedAt: null as Date | null,
  suspendedReason: null,
  pushSubscription: null,
  lastSeenAt: null,
  linkedTotpMethodId: null,
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

  it("each channel gives a session the amr values of its method: a text sms, a call tel, the app otp and swk", () => {
    expect([amrOfChannel("sms"), amrOfChannel("voice"), amrOfChannel("totp")]).toEqual([["sms"], ["tel"], ["otp", "swk"]]);
    // Every value a channel gives is one its method describes itself with.
    const mobile = describeMethod({ method: method("phone"), phone: phone("mobile") });
    expect([...amrOfChannel("sms"), ...amrOfChannel("voice")].every((v) => mobile.amr.includes(v))).toBe(true);
  });

  it("the phone consumes the call events delivery raises, push the push service's", () => {
    expect(inboundConsumers().map((c) => [c.consumer, c.handles.includes("call_keys"), c.handles.includes("push_subscription_gone")])).toEqual([
      ["phone", true, false],
      ["push", false, true],
    ]);
  });
});

describe("the registry answers what the engine asks, so the engine never names a channel", () => {
  const policy = { textAllowed: true, voiceAllowed: true };
  const mobile = { method: method("phone"), phone: phone("mobile") };

  it("its methods offer exactly the sign-in channels, each with how it is used", () => {
    expect([...allChannels()].sort()).toEqual([...CHANNELS].sort());
    expect(methodKinds()).toEqual([...METHOD_KINDS]);
    for (const channel of CHANNELS) expect(methodForChannel(channel).channels).toContain(channel);
    // Strongest first: the app's notification before its codes, the app before a text, a text before a call; a last resort after every other way.
    const strength = (channel: (typeof CHANNELS)[number]) => channelTraits(channel).strength;
    expect(strength("push")).toBeLessThan(strength("totp"));
    expect(strength("totp")).toBeLessThan(strength("sms"));
    expect(strength("sms")).toBeLessThan(strength("voice"));
    const lastResorts = CHANNELS.filter((c) => channelTraits(c).lastResort);
    for (const channel of CHANNELS.filter((c) => !channelTraits(c).lastResort)) {
      for (const last of lastResorts) expect(strength(channel)).toBeLessThan(strength(last));
    }
  });

  it("a last resort is a kind whose every channel has the lastResort trait: recovery codes, never the app or a phone", () => {
    expect(methodKinds().filter(isLastResort)).toEqual(["recovery_code"]);
  });

  it("the schema's default channels are every channel but a last resort", () => {
    expect([...DEFAULT_CHANNELS]).toEqual(CHANNELS.filter((c) => !channelTraits(c).lastResort));
  });

  it("a typed code is for the chosen way if it takes typed codes, otherwise for the way that sends nothing", () => {
    expect(unchallengedCodeChannel()).toBe("totp");
    expect(typedCodeChannel(null)).toBe("totp");
    expect(typedCodeChannel("sms")).toBe("sms");
    expect(typedCodeChannel("voice")).toBe("totp");
  });

  it("a mobile offers texts and calls as the policy allows; an alternate phone calls only", () => {
    expect(offeredChannels(mobile, { policy, role: "person" })).toEqual(["sms", "voice"]);
    expect(offeredChannels(mobile, { policy: { textAllowed: false, voiceAllowed: true }, role: "person" })).toEqual(["voice"]);
    expect(offeredChannels({ method: method("phone"), phone: phone("alternate") }, { policy, role: "person" })).toEqual(["voice"]);
  });

  it("an unverified or suspended number offers nothing", () => {
    expect(offeredChannels({ method: method("phone"), phone: { ...phone("mobile"), verifiedAt: null } }, { policy, role: "person" })).toEqual([]);
    expect(offeredChannels({ method: method("phone"), phone: { ...phone("mobile"), suspendedAt: at } }, { policy, role: "person" })).toEqual([]);
  });

  it("every method that may be a person's first can be registered (enrol), by a channel of its own", () => {
    const first = allMethods().filter((m) => m.capabilities.firstMethod);
    expect(first.map((m) => m.kind)).toEqual(expect.arrayContaining(["totp", "phone"]));
    for (const m of first) {
      expect(m.enrol, `${m.kind} has no enrol part`).toBeDefined();
      expect(m.channels).toContain(m.enrol!.channel);
    }
  });

  it("staff are offered only methods with the staff capability: their app (codes or notifications), never a phone", () => {
    for (const role of ["agent", "admin"] as const) {
      expect(offeredChannels(mobile, { policy, role })).toEqual([]);
      expect(offeredChannels({ method: method("totp"), phone: null }, { policy, role })).toEqual(["totp"]);
      expect(offeredChannels({ method: method("push"), phone: null, push: device() }, { policy, role })).toEqual(["push"]);
    }
  });

  it("push is awaited (never typed), challenged, offered while its device is activated and not suspended", () => {
    expect(channelTraits("push")).toMatchObject({ response: "awaited", challenged: true });
    expect(typedCodeChannel("push")).toBe("totp");
    expect(offeredChannels({ method: method("push"), phone: null, push: device() }, { policy, role: "person" })).toEqual(["push"]);
    expect(offeredChannels({ method: method("push"), phone: null, push: { ...device(), suspendedAt: at } }, { policy, role: "person" })).toEqual([]);
    expect(offeredChannels({ method: method("push"), phone: null, push: null }, { policy, role: "person" })).toEqual([]);
    expect(amrOfChannel("push")).toEqual(["swk", "mca"]);
    expect(describeMethod({ method: method("push"), phone: null, push: device() })).toMatchObject({ kind: "push", labelKey: "push", detail: null, device: "phone" });
  });
});
