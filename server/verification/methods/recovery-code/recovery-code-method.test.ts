import { describe, expect, it } from "vitest";
import { CHANNELS, channelTraits } from "../registry";

describe("recovery codes in the registry", () => {
  it("offered last, after every other way: a last resort, typed in letters and digits, nothing sent", () => {
    expect(channelTraits("recovery_code")).toMatchObject({ response: "typed", challenged: false, lastResort: true, characters: "letters" });
    expect([...CHANNELS].sort((a, b) => channelTraits(a).strength - channelTraits(b).strength).at(-1)).toBe("recovery_code");
  });
});
