import { randomInt } from "node:crypto";
import { createChallenge, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { Executor } from "@/db/client";
import { keyedHash } from "../crypto/keyed-hash";
import { hitBucket } from "../rate-limit/buckets";
import type { SignInProof } from "./sign-in.schemas";

/**
 * The proof of work the password step asks for while many sign-ins fail at once (altcha-lib,
 * self-hosted: nothing leaves our servers). The sign-in page solves it in the background, about a
 * second of a browser's time; a script flooding the password step pays that for every try.
 *
 * Deterministic mode: the server picks the counter the browser has to find and signs the derived
 * key, so making a challenge costs one PBKDF2 (1,000 rounds) and checking a solution one HMAC.
 * A challenge lives 10 minutes by our own clock and works once: its signature is counted in a
 * rate-limit bucket that outlives it, and a second use is refused.
 */
export const SIGN_IN_CHALLENGE = {
  algorithm: "PBKDF2/SHA-256",
  cost: 1000,
  counter: { min: 800, max: 2400 },
  ttlSeconds: 10 * 60,
} as const;

function secrets() {
  return {
    hmacSignatureSecret: keyedHash("sign-in-challenge-signature", "v1"),
    hmacKeySignatureSecret: keyedHash("sign-in-challenge-key", "v1"),
  };
}

export interface SignInChallenge {
  challenge: Challenge;
  /** How long it may be used (the browser counts from when it got it: its own clock may be off). */
  expiresInSeconds: number;
}

export async function createSignInChallenge(at: Date): Promise<SignInChallenge> {
  const exp = Math.floor(at.getTime() / 1000) + SIGN_IN_CHALLENGE.ttlSeconds;
  const challenge = await createChallenge({
    algorithm: SIGN_IN_CHALLENGE.algorithm,
    cost: SIGN_IN_CHALLENGE.cost,
    counter: randomInt(SIGN_IN_CHALLENGE.counter.min, SIGN_IN_CHALLENGE.counter.max + 1),
    deriveKey,
    data: { exp },
    ...secrets(),
  });
  return { challenge, expiresInSeconds: SIGN_IN_CHALLENGE.ttlSeconds };
}

const usedKey = (signature: string) => `pw-proof:used:${signature}`;

/**
 * True when `proof` solves a challenge we signed, not expired by our clock and never used before;
 * it is then used up (atomically: of two concurrent uses exactly one is accepted).
 */
export async function consumeSignInProof(db: Executor, proof: SignInProof | undefined, at: Date): Promise<boolean> {
  if (!proof) return false;
  const exp = proof.challenge.parameters.data?.exp;
  if (exp === undefined || exp * 1000 <= at.getTime()) return false;
  let verified = false;
  try {
    verified = (await verifySolution({ challenge: proof.challenge, solution: proof.solution, deriveKey, ...secrets() })).verified;
  } catch {
    verified = false; // a well-formed but impossible challenge (an unknown algorithm, say): not solved
  }
  if (!verified) return false;
  const use = await hitBucket(db, usedKey(proof.challenge.signature), SIGN_IN_CHALLENGE.ttlSeconds, at);
  return use.count === 1;
}
