import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { signedInWithCode } from "@/test/sign-in";
import { moveClockForTests } from "../core/clock";
import { cookieName } from "../http/cookies";
import { PASSWORD_THROTTLE, simulatePasswordFloodForTests } from "./password-throttle";
import type { SignInProof } from "./sign-in.schemas";

type Response = Awaited<ReturnType<Browser["call"]>>;
const appCode = (r: Response) => r.body.error?.data.appCode;
const tryPassword = (browser: Browser, username: string, password: string, proof?: SignInProof) =>
  browser.call("signIn.password", { username, password, ...(proof ? { proof } : {}) });

function normalise(body: unknown) {
  return JSON.parse(
    JSON.stringify(body)
      .replace(/"correlationId":"[^"]+"/g, '"correlationId":"<cid>"')
      .replace(/"at":"[^"]+"/g, '"at":"<at>"')
      .replace(/"displaySessionId":"[^"]+"/g, '"displaySessionId":"<dsid>"'),
  );
}

/** `perAddress` wrong passwords for `username` from each of `addresses` fresh addresses. */
async function guessFromMany(username: string, addresses: number, perAddress: number): Promise<Response[]> {
  const responses: Response[] = [];
  for (let a = 0; a < addresses; a++) {
    const attacker = new Browser();
    for (let i = 0; i < perAddress; i++) responses.push(await tryPassword(attacker, username, `guess-${a}-${i}`));
  }
  return responses;
}

/** What the sign-in page does in the background: fetch a challenge and solve it. */
async function solvedProof(browser: Browser): Promise<{ proof: SignInProof; required: boolean }> {
  const response = await browser.call("signIn.challenge", {}, { method: "GET" });
  const data = response.body.result!.data as { challenge: Challenge; required: boolean };
  const solution = await solveChallenge({ challenge: data.challenge, deriveKey });
  return { proof: { challenge: data.challenge, solution: solution! } as SignInProof, required: data.required };
}

const FREE = PASSWORD_THROTTLE.account.freeTries;

// The delays are seconds long: the server clock stands still in these tests (only Date is faked;
// timers and I/O run as usual) and moves only when a test moves it.
beforeEach(() => void vi.useFakeTimers({ toFake: ["Date"] }));
afterEach(() => void vi.useRealTimers());

describe("per-account slowdown at the password step", () => {
  it("150 wrong passwords from 30 addresses meet the slowdown; the owner's known browser signs in without delay", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const owner = await signedInWithCode(person);
    expect([...owner.cookies.keys()]).toContain(cookieName("device"));
    expect(owner.cookies.get(cookieName("device"))).not.toContain(person.username);

    const guesses = await guessFromMany(person.username, 30, 5);
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(FREE);
    const slowed = guesses.filter((r) => r.status === 429);
    expect(slowed).toHaveLength(150 - FREE);
    for (const r of slowed) {
      expect(appCode(r)).toBe("SIGN_IN_SLOWED_DOWN");
      const retryAfter = Number(r.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(r.body.error!.message).toContain(String(retryAfter));
    }

    // The owner's browser that signed in before: no delay, for a typo nor for the right password.
    expect((await tryPassword(owner, person.username, "a typo")).status).toBe(401);
    const known = await tryPassword(owner, person.username, person.password);
    expect(known.status).toBe(200);
    expect(known.body.result!.data).toMatchObject({ status: "factor" });

    // A fresh browser, even with the right password, waits like everyone else; then gets in.
    const fresh = new Browser();
    const waited = await tryPassword(fresh, person.username, person.password);
    expect(waited.status).toBe(429);
    expect(appCode(waited)).toBe("SIGN_IN_SLOWED_DOWN");
    moveClockForTests(Number(waited.headers.get("retry-after")) * 1000);
    expect((await tryPassword(fresh, person.username, person.password)).status).toBe(200);
  });

  it("the delays grow with each failure after the free ones", async () => {
    const person = await createTestPerson();
    await guessFromMany(person.username, FREE / 5, 5);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const refused = await tryPassword(new Browser(), person.username, "wrong");
      expect(refused.status).toBe(429);
      const seconds = Number(refused.headers.get("retry-after"));
      waits.push(seconds);
      moveClockForTests(seconds * 1000);
      expect((await tryPassword(new Browser(), person.username, "wrong")).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
  });

  it("an unknown username is slowed down exactly like a known one (no enumeration)", async () => {
    const person = await createTestPerson();
    const ghost = `ghost-${person.username}`;
    const knownGuesses = await guessFromMany(person.username, 5, 5);
    const ghostGuesses = await guessFromMany(ghost, 5, 5);
    expect(ghostGuesses.map((r) => r.status)).toEqual(knownGuesses.map((r) => r.status));
    expect(normalise(ghostGuesses.at(-1)!.body)).toEqual(normalise(knownGuesses.at(-1)!.body));
    expect(ghostGuesses.at(-1)!.headers.get("retry-after")).toBe(knownGuesses.at(-1)!.headers.get("retry-after"));
  });

  it("a forged or copied device cookie does not exempt a browser", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const other = await createTestPerson({ policy: "strict", authenticator: true });
    const othersBrowser = await signedInWithCode(other);
    await guessFromMany(person.username, FREE / 5, 5);

    // A browser known for another account is not known for this one.
    expect(appCode(await tryPassword(othersBrowser, person.username, person.password))).toBe("SIGN_IN_SLOWED_DOWN");
    // A cookie changed by hand (another account's name put in) is not believed.
    const forged = new Browser();
    const value = decodeURIComponent(othersBrowser.cookies.get(cookieName("device"))!);
    const [version, deviceId, , signature] = value.split(".");
    forged.cookies.set(cookieName("device"), encodeURIComponent([version, deviceId, "AAAAAAAAAAAAAAAAAAAAAA", signature].join(".")));
    expect(appCode(await tryPassword(forged, person.username, person.password))).toBe("SIGN_IN_SLOWED_DOWN");
  });

  it("a known browser's own failures have their own gate: five free, then growing delays", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const owner = await signedInWithCode(person);
    for (let i = 0; i < PASSWORD_THROTTLE.device.freeTries; i++) expect((await tryPassword(owner, person.username, "typo")).status).toBe(401);
    const slowed = await tryPassword(owner, person.username, person.password);
    expect(appCode(slowed)).toBe("RATE_LIMITED");
    expect(slowed.headers.get("retry-after")).toBe("1");
    moveClockForTests(1000);
    expect((await tryPassword(owner, person.username, person.password)).status).toBe(200);
    // The right password ended this browser's delay.
    expect((await tryPassword(owner, person.username, "typo")).status).toBe(401);
  });

  it("the per-address limit counts an IPv6 /64 as one address", async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:77`;
    for (let i = 1; i <= PASSWORD_THROTTLE.perIp.max; i++) {
      expect((await tryPassword(new Browser(`${prefix}::${i}`), `nobody-${i}`, "wrong")).status).toBe(401);
    }
    const limited = await tryPassword(new Browser(`${prefix}:1:2:3:4`), "nobody-else", "wrong");
    expect(appCode(limited)).toBe("RATE_LIMITED");
    expect((await tryPassword(new Browser(`${prefix}0::1`), "nobody-else", "wrong")).status).toBe(401);
  });

  it("concurrent guesses from many addresses pass the free tries exactly, and then one at a time", async () => {
    const person = await createTestPerson();
    const first = await Promise.all(Array.from({ length: FREE + 15 }, (_, i) => tryPassword(new Browser(), person.username, `guess-${i}`)));
    expect(first.filter((r) => r.status === 401)).toHaveLength(FREE);
    expect(first.filter((r) => appCode(r) === "SIGN_IN_SLOWED_DOWN")).toHaveLength(15);
    moveClockForTests(1000);
    const second = await Promise.all(Array.from({ length: 15 }, (_, i) => tryPassword(new Browser(), person.username, `again-${i}`)));
    expect(second.filter((r) => r.status === 401)).toHaveLength(1);
    expect(second.filter((r) => appCode(r) === "SIGN_IN_SLOWED_DOWN")).toHaveLength(14);
  });
});

describe("global flood: a proof-of-work challenge instead of a refusal", () => {
  afterEach(async () => simulatePasswordFloodForTests(null));

  it("without a flood the password step needs no challenge", async () => {
    const person = await createTestPerson();
    const browser = new Browser();
    const { required } = await solvedProof(browser);
    expect(required).toBe(false);
    expect((await tryPassword(browser, person.username, person.password)).status).toBe(200);
  });

  it("a fresh browser is refused without a solved challenge and signs in with one", async () => {
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    await simulatePasswordFloodForTests(600);
    const browser = new Browser();

    const without = await tryPassword(browser, person.username, person.password);
    expect(without.status).toBe(429);
    expect(appCode(without)).toBe("SIGN_IN_CHALLENGE_REQUIRED");
    expect(without.headers.get("retry-after")).toBeNull();

    const { proof, required } = await solvedProof(browser);
    expect(required).toBe(true);
    const step = await tryPassword(browser, person.username, person.password, proof);
    expect(step.status).toBe(200);
    const done = await browser.call("signIn.code", { code: await person.code() });
    expect(done.body.result!.data).toMatchObject({ status: "completed" });

    // A solution works once.
    const again = await tryPassword(new Browser(), person.username, person.password, proof);
    expect(appCode(again)).toBe("SIGN_IN_CHALLENGE_REQUIRED");
  });

  it("a wrong, tampered or expired solution is refused, and unknown and known usernames look alike", async () => {
    const person = await createTestPerson();
    await simulatePasswordFloodForTests(3600);
    const browser = new Browser();
    const { proof } = await solvedProof(browser);

    const key = proof.solution.derivedKey;
    const wrongKey = { ...proof, solution: { ...proof.solution, derivedKey: `${key.slice(0, -1)}${key.endsWith("0") ? "1" : "0"}` } };
    expect(appCode(await tryPassword(browser, person.username, person.password, wrongKey))).toBe("SIGN_IN_CHALLENGE_REQUIRED");
    const easier = { ...proof, challenge: { ...proof.challenge, parameters: { ...proof.challenge.parameters, cost: 1 } } };
    expect(appCode(await tryPassword(browser, person.username, person.password, easier))).toBe("SIGN_IN_CHALLENGE_REQUIRED");
    const longer = { ...proof, challenge: { ...proof.challenge, parameters: { ...proof.challenge.parameters, data: { exp: proof.challenge.parameters.data!.exp + 86_400 } } } };
    expect(appCode(await tryPassword(browser, person.username, person.password, longer))).toBe("SIGN_IN_CHALLENGE_REQUIRED");

    const unknown = await tryPassword(new Browser(), `ghost-${person.username}`, "not it");
    const wrong = await tryPassword(new Browser(), person.username, "not it");
    expect(unknown.status).toBe(429);
    expect(normalise(unknown.body)).toEqual(normalise(wrong.body));

    moveClockForTests(11 * 60_000);
    expect(appCode(await tryPassword(browser, person.username, person.password, proof))).toBe("SIGN_IN_CHALLENGE_REQUIRED");
  });

  it("one solution sent five times at once is accepted once", async () => {
    const person = await createTestPerson();
    await simulatePasswordFloodForTests(600);
    const { proof } = await solvedProof(new Browser());
    const responses = await Promise.all(Array.from({ length: 5 }, () => tryPassword(new Browser(), person.username, person.password, proof)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => appCode(r) === "SIGN_IN_CHALLENGE_REQUIRED")).toHaveLength(4);
  });
});
