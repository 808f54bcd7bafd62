import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "./methods/method";
import { methodKinds } from "./methods/registry";

/**
 * The engine (the sign-in use cases, runFactorStep, the step-up verifier) asks the registry how a
 * channel is used; it never compares a channel or kind by name (ARCHITECTURE.md "The method
 * contract": a new method must not need an edit here).
 */
const ENGINE = ["sign-in", "run-factor-step.ts", "verify-second-factor.ts", "attempt-states.ts"];

function engineFiles(): Array<[string, string]> {
  const dir = import.meta.dirname;
  return ENGINE.flatMap((entry) => {
    const full = path.join(dir, entry);
    const files = fs.statSync(full).isDirectory() ? fs.readdirSync(full).map((f) => path.join(full, f)) : [full];
    return files.filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f): [string, string] => [path.relative(dir, f), fs.readFileSync(f, "utf8")]);
  });
}

describe("the engine never branches on a method's name", () => {
  const names = [...new Set([...CHANNELS, ...methodKinds()])].join("|");
  const comparison = new RegExp(`(?:[!=]==?\\s*"(?:${names})"|"(?:${names})"\\s*[!=]==?|case\\s+"(?:${names})")`);

  it("the checker sees a comparison by name", () => {
    expect(comparison.test('if (option.channel === "totp") return;')).toBe(true);
    expect(comparison.test('const method = "sms" !== selected;')).toBe(true);
    expect(comparison.test('case "voice":')).toBe(true);
    expect(comparison.test('method: "totp",')).toBe(false);
  });

  it("no engine file compares a channel or kind by name", () => {
    const found = engineFiles().filter(([, text]) => comparison.test(text));
    expect(found.map(([file]) => file)).toEqual([]);
    expect(engineFiles().length).toBeGreaterThan(8);
  });
});
