import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { people, signInAttempts } from "../index";
import { DEFAULT_CHANNELS, SIGN_IN_CHANNELS } from "./sign-in";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Every source file of db/, server/ and app/ (not tests), relative to the repository root. */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

describe("the sign-in channels are one list", () => {
  // A list of channels spelled out: the app's channel next to another one ("totp", "sms"…, after "push" or not).
  const spelled = /\[\s*(?:"push"\s*,\s*)?"totp"\s*,\s*"(?:sms|voice|recovery_code)"/;

  it("the checker sees a spelled-out list", () => {
    expect(spelled.test('text("selected_channel", { enum: ["totp", "sms", "voice", "recovery_code"] })')).toBe(true);
    expect(spelled.test('z.enum(["totp", "sms", "voice"])')).toBe(true);
    expect(spelled.test('z.enum(["push", "totp", "sms", "voice"])')).toBe(true);
    expect(spelled.test('channels: ["sms", "voice"]')).toBe(false);
  });

  it("is spelled only here: the schema's columns, the method contract and the forms use it", () => {
    const found = ["db", "server", "app"].flatMap(sources).filter((file) => spelled.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(found).toEqual([path.join("db", "schema", "values", "sign-in.ts")]);
    expect(signInAttempts.selectedChannel.enumValues).toEqual([...SIGN_IN_CHANNELS]);
    expect(people.defaultChannel.enumValues).toEqual([...DEFAULT_CHANNELS]);
  });
});
